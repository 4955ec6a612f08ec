"""Find and read format definitions: shipped presets by name, or a user's TOML file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pursuit.core.format_extends import extended
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import Format
from pursuit.errors import FormatDefinitionError, LineIndex, Place
from pursuit.loading.toml_lines import NESTED_TOO_DEEPLY, ValueLines
from pursuit.shipped import shipped

PRESET_FOLDER = "formats"  # in the package: pursuit/formats/*.toml
# How many formats may extend one another in a chain (a guard against a file extending itself).
MAX_EXTENDS = 8


def preset_names() -> list[str]:
    """The formats shipped with pursuit."""
    folder = shipped(PRESET_FOLDER)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_format(reference: str, base: Path | None = None) -> Format:
    """A preset name (`olympic-1968`) or a path to a .toml file (relative to `base`)."""
    data, source, lines = _format_data(reference, base)
    return format_from_mapping(data, source, lines)


def format_definition(reference: str, base: Path | None = None) -> dict[str, Any]:
    """The format's table as written (checked), to store with a competition's log; for a
    format that extends another, the whole definition it makes."""
    data, source, lines = _format_data(reference, base)
    format_from_mapping(data, source, lines)
    return data


def _format_data(
    reference: str, base: Path | None, chain: tuple[str, ...] = ()
) -> tuple[dict[str, Any], str, LineIndex | None]:
    """The format's table (merged with the one it extends), its source and its lines."""
    text, source = _format_text(reference, base)
    data = _parse(text, source)
    lines: LineIndex = ValueLines(text)
    if "extends" not in data:
        return data, source, lines
    parent = data["extends"]
    if not isinstance(parent, str) or not parent:
        raise _fail(source, lines, "extends", "must be a preset name or the path of a .toml file")
    if source in chain or len(chain) >= MAX_EXTENDS:
        raise _fail(source, lines, "extends", f"formats extend one another in a circle ({parent})")
    folder = None if source.startswith("preset ") else Path(source).parent
    try:
        parent_data, parent_source, parent_lines = _format_data(parent, folder, (*chain, source))
    except FormatDefinitionError as e:
        if e.place is not None:
            raise
        raise _fail(source, lines, "extends", str(e)) from e
    format_from_mapping(parent_data, parent_source, parent_lines)  # the base must stand alone
    merged, merged_lines = extended(parent_data, data, source, lines)
    return merged, source, merged_lines


def _fail(source: str, lines: LineIndex, key: str, message: str) -> FormatDefinitionError:
    return FormatDefinitionError(f"{key}: {message}", Place.in_document(source, lines, (key,)))


def format_and_definition(
    reference: str, base: Path | None = None
) -> tuple[Format, dict[str, Any]]:
    """The format and its table as written, reading the text once (for a format that
    extends another, the whole definition it makes)."""
    data, source, lines = _format_data(reference, base)
    return format_from_mapping(data, source, lines), data


def _format_text(reference: str, base: Path | None) -> tuple[str, str]:
    if reference in preset_names():
        text = shipped(PRESET_FOLDER, f"{reference}.toml").read_text("utf-8")
        return text, f"preset {reference}"
    path = Path(reference)
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.suffix == ".toml" or not path.is_file():
        raise FormatDefinitionError(
            f"unknown format {reference!r}: not a preset ({', '.join(preset_names())}) "
            f"and no file {path}"
        )
    try:
        return path.read_text("utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as e:
        raise FormatDefinitionError(f"cannot read {path}: {e} (format files are UTF-8)") from e


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise FormatDefinitionError(f"{source}: not valid TOML: {e}") from e
    except RecursionError as e:
        raise FormatDefinitionError(f"{source}: not valid TOML: {NESTED_TOO_DEEPLY}") from e
    except ValueError as e:  # a number too long to convert (over 4,300 digits)
        raise FormatDefinitionError(f"{source}: not valid TOML: {e}") from e


def format_from_text(text: str, source: str) -> Format:
    return format_from_mapping(_parse(text, source), source, ValueLines(text))
