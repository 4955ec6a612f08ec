"""A competition file's format: a preset or format file named by `competition.format`, or a
whole definition written in the file as a `[format]` table (as `export-log --to toml` writes a
format that is not a shipped preset, so the file stands alone)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import Format
from pursuit.errors import CompetitionFileError, FormatDefinitionError, LineIndex
from pursuit.loading.document import Document
from pursuit.loading.format_files import format_and_definition, preset_names


@dataclass(frozen=True)
class FileFormat:
    """The format a competition file names or defines."""

    format: Format
    name: str  # the name the event log keeps: the preset's, or the definition's own
    definition: dict[str, Any]  # the definition as written, to store with the log


class _Within:
    """The lines of the `[format]` table's values, found by their paths inside the file."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        return self.lines.line_of(("format", *path))


def file_format(doc: Document, meta: Mapping[str, Any]) -> FileFormat:
    """The format of the file read by `doc`, whose `[competition]` table is `meta`."""
    reference = meta.get("format")
    embedded = doc.data.get("format")
    if embedded is None:
        if not isinstance(reference, str) or not reference:
            raise doc.fail(
                "competition.format must name a preset or a format file "
                "(or the file must hold a [format] table)",
                "competition",
                "format",
            )
        try:
            fmt, definition = format_and_definition(reference, doc.base)
        except FormatDefinitionError as e:
            raise doc.fail(str(e), "competition", "format") from e
        name = reference if reference in preset_names() else fmt.name
        return FileFormat(fmt, name, definition)
    if not isinstance(embedded, dict):
        raise doc.fail("format must be a table: [format] with the format's definition", "format")
    try:
        fmt = format_from_mapping(embedded, doc.source, _Within(doc.lines))
    except FormatDefinitionError as e:
        raise CompetitionFileError(f"format.{e.message}", e.place) from e
    if reference is not None and reference != fmt.name:
        raise doc.fail(
            f"competition.format is {reference!r} but the [format] table defines "
            f"{fmt.name!r}; name the embedded format or leave competition.format out",
            "competition",
            "format",
        )
    return FileFormat(fmt, fmt.name, dict(embedded))
