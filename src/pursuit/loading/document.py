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
