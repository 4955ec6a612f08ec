"""Running typst: one template from `templates/`, the data as JSON through `sys_inputs`, in a
folder that is typst's root (typst reads images from files only, and nothing outside the root).

Fonts are fixed: the four faces of DejaVu Sans from matplotlib's own font folder (the charts
use the same face) and typst's embedded fonts; system fonts are ignored, and the documents have
no date, so the same data gives the same bytes on every machine. One compiler serves every run
(typst keeps what it laid out, so typesetting the same sheets again is fast), one run at a time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

import typst

from pursuit.errors import PursuitError
from pursuit.shipped import shipped

# Untagged: a tagged PDF of these sheets is about four times the size, and poppler 22 (Debian 12)
# complains about typst's tagging on every page it reads.
TAGGED = False


class SheetRenderError(PursuitError):
    """typst could not typeset the sheets (a bug in the template or the data)."""


@cache
def template(name: str) -> bytes:
    return shipped("sheets", "templates", name).read_bytes()


# The faces the sheets use (regular, bold, the italic of a note); typst reads every font file of
# the folders it is given, and matplotlib's holds about forty (STIX, Computer Modern, …): about
# 30 ms for each new process, against 2 ms for these four.
SHEET_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)


@cache
def _compiler() -> typst.Compiler:
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=True,
        font_paths=[str(_sheet_fonts())],
    )
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


@cache
def _sheet_fonts() -> Path:
    """A folder holding only `SHEET_FONTS` (links to matplotlib's files, copies where links
    cannot be made), kept for the life of the process: typst reads the files when it needs them."""
    kept = tempfile.TemporaryDirectory(prefix="pursuit-fonts-")
    _kept_folders.append(kept)
    folder = Path(kept.name)
    for name in SHEET_FONTS:
        source = matplotlib_fonts() / name
        if not source.is_file():
            raise SheetRenderError(f"matplotlib's font folder has no {name}")
        try:
            os.symlink(source, folder / name)
        except OSError:
            shutil.copyfile(source, folder / name)
    return folder


_kept_folders: list[tempfile.TemporaryDirectory[str]] = []  # removed when the process ends


_one_at_a_time = threading.Lock()  # a compiler typesets one document at a time


def matplotlib_fonts() -> Path:
    """matplotlib's font folder, found without importing matplotlib (slow to import)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise SheetRenderError("matplotlib is not installed; it provides the sheets' font")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def typeset(root: Path, name: str, data: dict[str, Any]) -> bytes:
    """The PDF the template `name` makes of `data`, with `root` as typst's root (the folder
    holding the files the document reads)."""
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    try:
        with _one_at_a_time:
            pdf = _compiler().compile(
                input=template(name),
                root=str(root),
                format="pdf",
                sys_inputs=inputs,
                pdf_tags=TAGGED,
            )
    except typst.TypstError as e:
        raise SheetRenderError(f"typst: {e.message}\n{e.diagnostic}") from e
    if not isinstance(pdf, bytes):
        raise SheetRenderError("typst returned no PDF")
    return pdf
