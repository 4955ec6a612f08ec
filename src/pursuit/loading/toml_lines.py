"""Where each value of a TOML document stands: path -> line number.

`tomllib` gives values but no positions; this scanner walks the same text and
records the line of every key, array element and inline-table field so errors
can say file:line. It assumes the text already parsed with `tomllib`.
"""

from __future__ import annotations

Path = tuple[str | int, ...]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[Path, int] = {}

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.pos < len(self.text) and self.text[self.pos] == "\n":
                self.line += 1
            self.pos += 1

    def skip_space(self, newlines: bool) -> None:
        while (c := self.peek()) and (c in " \t\r" or (newlines and c in "\n#")):
            if c == "#":
                while self.peek() not in ("", "\n"):
                    self.advance()
            else:
                self.advance()

    def skip_comment(self) -> None:
        self.skip_space(False)
        if self.peek() == "#":
            while self.peek() not in ("", "\n"):
                self.advance()

    def string(self) -> str:
        quote = self.peek()
        triple = self.text.startswith(quote * 3, self.pos)
        delim = quote * 3 if triple else quote
        self.advance(len(delim))
        out: list[str] = []
        while self.pos < len(self.text) and not self.text.startswith(delim, self.pos):
            if quote == '"' and self.peek() == "\\":
                out.append(self.text[self.pos : self.pos + 2])
                self.advance(2)
                continue
            out.append(self.peek())
            self.advance()
        self.advance(len(delim))
        return "".join(out)

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_space(False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.pos
                while self.peek() in _BARE and self.peek():
                    self.advance()
                parts.append(self.text[start : self.pos])
            self.skip_space(False)
            if self.peek() != ".":
                return parts
            self.advance()

    def value(self, path: Path) -> None:
        c = self.peek()
        if c in "\"'":
            self.string()
        elif c == "[":
            self.array(path)
        elif c == "{":
            self.inline_table(path)
        else:
            while self.peek() and self.peek() not in ",]}\n#":
                self.advance()

    def array(self, path: Path) -> None:
        self.advance()
        index = 0
        while True:
            self.skip_space(True)
            if self.peek() in ("]", ""):
                self.advance()
                return
            self.lines[(*path, index)] = self.line
            self.value((*path, index))
            index += 1
            self.skip_space(True)
            if self.peek() == ",":
                self.advance()

    def inline_table(self, path: Path) -> None:
        self.advance()
        while True:
            self.skip_space(True)
            if self.peek() in ("}", ""):
                self.advance()
                return
            line = self.line
            key = (*path, *self.key())
            self.lines[key] = line
            self.skip_space(False)
            self.advance()  # '='
            self.skip_space(False)
            self.value(key)
            self.skip_space(True)
            if self.peek() == ",":
                self.advance()

    def document(self) -> dict[Path, int]:
        table: Path = ()
        counts: dict[Path, int] = {}
        while self.pos < len(self.text):
            self.skip_space(True)
            if not self.peek():
                break
            line = self.line
            if self.text.startswith("[[", self.pos):
                self.advance(2)
                name = tuple(self.key())
                self.advance(2)
                counts[name] = counts.get(name, -1) + 1
                table = (*name, counts[name])
                self.lines[table] = line
            elif self.peek() == "[":
                self.advance()
                table = tuple(self.key())
                self.advance()
                self.lines[table] = line
            else:
                key = (*table, *self.key())
                self.lines[key] = line
                self.skip_space(False)
                self.advance()  # '='
                self.skip_space(False)
                self.value(key)
            self.skip_comment()
        return self.lines


def value_lines(text: str) -> dict[Path, int]:
    """Map every path (keys and array indexes) to the line its value starts on."""
    try:
        return _Scanner(text).document()
    except IndexError:  # pragma: no cover - the text parsed with tomllib first
        return {}


def line_of(lines: dict[Path, int], *path: str | int) -> int | None:
    """The line of `path`, or of its nearest enclosing value that has one."""
    p: Path = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return None
