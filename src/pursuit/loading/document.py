"""A competition file being read: its data, where each value is, and what was found wrong.

Readers of the file's parts share one `Document`: they place every problem on the line of the
value at fault (counted only when asked for) and collect findings in one list.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pursuit.core.findings import Finding
from pursuit.errors import CompetitionFileError, Place
from pursuit.loading.toml_lines import ValueLines

_KIND_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    list: "a list of text",
}


def _is_of(value: object, kinds: tuple[type, ...]) -> bool:
    if isinstance(value, bool) or not isinstance(value, kinds):
        return False
    return not isinstance(value, list) or all(isinstance(v, str) for v in value)


def _shown(value: object) -> str:
    text = str(value) if hasattr(value, "isoformat") else repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


class Document:
    def __init__(
        self,
        data: dict[str, Any],
        lines: ValueLines,
        source: str,
        base: Path | None,
    ) -> None:
        self.data = data
        self.lines = lines
        self.source = source
        self.base = base
        self.findings: list[Finding] = []

    def place(self, *path: str | int) -> Place:
        """Where the value at `path` is; its line is counted only if someone asks."""
        return Place.in_document(self.source, self.lines, path)

    def fail(self, message: str, *path: str | int) -> CompetitionFileError:
        return CompetitionFileError(message, self.place(*path))

    def find(self, code: str, message: str, *path: str | int) -> None:
        self.findings.append(Finding(code, message, self.place(*path)))

    def typed(
        self,
        table: Mapping[str, Any],
        key: str,
        kinds: tuple[type, ...],
        *path: str | int,
        who: str = "",
    ) -> Any:
        """`table[key]` when it is absent (None) or of one of `kinds` (lists: of strings);
        else a `bad-field` finding on its line, naming `who` (the rider) when given, and None:
        the fact is left out."""
        value = table.get(key)
        if value is None or _is_of(value, kinds):
            return value
        what = " or ".join(_KIND_NAMES[k] for k in kinds)
        said = f"{key} must be {what}; got {_shown(value)}"
        self.find("bad-field", f"{who}: {said}" if who else said, *path, key)
        return None

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: set[str], path: tuple[str | int, ...]
    ) -> None:
        where = ".".join(str(p) for p in path) or "the file"
        for key in sorted(set(table) - allowed):
            self.find(
                "unknown-field",
                f"{where}: unknown field {key!r} (known: {', '.join(sorted(allowed))})",
                *path,
                key,
            )
