"""Find and read format definitions: shipped presets by name, or a user's TOML file."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import Format
from pursuit.errors import FormatDefinitionError
from pursuit.loading.toml_lines import NESTED_TOO_DEEPLY, ValueLines

PRESET_PACKAGE = "pursuit.formats"


def preset_names() -> list[str]:
    """The formats shipped with pursuit."""
    folder = resources.files(PRESET_PACKAGE)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_format(reference: str, base: Path | None = None) -> Format:
    """A preset name (`olympic-1968`) or a path to a .toml file (relative to `base`)."""
    text, source = _format_text(reference, base)
    return format_from_text(text, source)


def format_definition(reference: str, base: Path | None = None) -> dict[str, Any]:
    """The format's table as written (checked), to store with a competition's log."""
    text, source = _format_text(reference, base)
    format_from_text(text, source)
    return tomllib.loads(text)


def format_and_definition(
    reference: str, base: Path | None = None
) -> tuple[Format, dict[str, Any]]:
    """The format and its table as written, reading the text once."""
    text, source = _format_text(reference, base)
    return format_from_text(text, source), tomllib.loads(text)


def _format_text(reference: str, base: Path | None) -> tuple[str, str]:
    if reference in preset_names():
        text = resources.files(PRESET_PACKAGE).joinpath(f"{reference}.toml").read_text("utf-8")
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


def format_from_text(text: str, source: str) -> Format:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise FormatDefinitionError(f"{source}: not valid TOML: {e}") from e
    except RecursionError as e:
        raise FormatDefinitionError(f"{source}: not valid TOML: {NESTED_TOO_DEEPLY}") from e
    except ValueError as e:  # a number too long to convert (over 4,300 digits)
        raise FormatDefinitionError(f"{source}: not valid TOML: {e}") from e
    return format_from_mapping(data, source, ValueLines(text))
