"""Where each value of a TOML document stands: path -> line number.

`tomllib` gives values but no positions; this scanner walks the same text and
records the line of every key, array element and inline-table field so errors
can say file:line. It assumes the text already parsed with `tomllib`.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

# What `tomllib` cannot read for its own recursion depth (arrays or tables nested some hundreds
# deep) is said as this, never as a RecursionError.
NESTED_TOO_DEEPLY = "arrays or tables nested too deeply"

# The scanner moves over runs of characters with these rather than one call per character.
_SPACE = re.compile(r"[ \t\r]*")
_SPACE_OR_COMMENT = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_BARE_VALUE_END = re.compile(r"[,\]}\n#]")
_SIMPLE_STRING = re.compile(r'"(?!"")[^"\\\n]*"')
_STRING_BODY = {  # up to the closing delimiter; a backslash escapes the next character in "…"
    '"': re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*', re.DOTALL),
    "'": re.compile(r"[^']*"),
    "'''": re.compile(r"(?:[^']|'(?!''))*"),
}


class _Lost(Exception):
    """The scanner lost its way (a TOML form it does not follow); lines stay unknown."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self._last_turn = -1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        end = self.pos + n
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def skip_space(self, newlines: bool) -> None:
        """Spaces and tabs; with `newlines`, line ends and comments too."""
        found = (_SPACE_OR_COMMENT if newlines else _SPACE).match(self.text, self.pos)
        if found is not None and (end := found.end()) > self.pos:
            self.line += self.text.count("\n", self.pos, end)
            self.pos = end

    def skip_comment(self) -> None:
        self.skip_space(False)
        if self.peek() == "#":
            while self.peek() not in ("", "\n"):
                self.advance()

    def string(self) -> str:
        quote = self.peek()
        triple = self.text.startswith(quote * 3, self.pos)
        delim = quote * 3 if triple else quote
        start = self.pos + len(delim)
        body = _STRING_BODY.get(delim)
        found = body.match(self.text, start) if body is not None else None
        end = max(found.end(), start) if found is not None else start
        if triple:  # up to two quotes may stand right before the closing three
            extra = 0
            while extra < 2 and self.text.startswith(delim + quote, end):
                end, extra = end + 1, extra + 1
        self.advance(end + len(delim) - self.pos)
        return self.text[start:end]

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_space(False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.pos
                found = _BARE_KEY.match(self.text, start)
                self.pos = max(found.end(), start) if found is not None else start  # no line end
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
        elif self.pos < len(self.text):  # a number, date or boolean: up to , ] } # or line end
            found = _BARE_VALUE_END.search(self.text, self.pos)
            self.pos = found.start() if found is not None else len(self.text)

    def array(self, path: Path) -> None:
        self.advance()
        index = 0
        while True:
            self.progress()
            self.skip_space(True)
            if self.peek() in ("]", ""):
                self.advance()
                return
            self.lines[(*path, index)] = self.line
            if simple := _SIMPLE_STRING.match(self.text, self.pos):
                self.pos = simple.end()  # fast path for "…" on one line without escapes
            else:
                self.value((*path, index))
            index += 1
            self.skip_space(True)
            if self.peek() == ",":
                self.advance()

    def inline_table(self, path: Path) -> None:
        self.advance()
        while True:
            self.progress()
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

    def progress(self) -> None:
        """Every turn of a loop must move on; text the scanner misreads stops it."""
        if self.pos == self._last_turn:
            raise _Lost
        self._last_turn = self.pos

    def document(self) -> dict[Path, int]:
        table: Path = ()
        counts: dict[Path, int] = {}
        while self.pos < len(self.text):
            self.progress()
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
    except _Lost:
        return {}
    except (IndexError, RecursionError):  # pragma: no cover - the text parsed with tomllib first
        return {}


def line_of(lines: dict[Path, int], *path: str | int) -> int | None:
    """The line of `path`, or of its nearest enclosing value that has one."""
    p: Path = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return None


class ValueLines:
    """`value_lines` of a text, counted the first time a line is asked for.

    Most files load with nothing to report, and then no line is ever asked for: the
    scan, which costs more than parsing the TOML, is never made. It holds the text
    until then.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[Path, int] | None = None

    @property
    def counted(self) -> bool:
        """Whether the lines have been counted (a line was asked for)."""
        return self._lines is not None

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest enclosing value that has one."""
        if self._lines is None:
            self._lines = value_lines(self._text)
            self._text = ""
        return line_of(self._lines, *path)
