"""Drawings kept on disk by what they show, for live operation: printing the sheets again after
one more heat draws only that heat's charts (a heat chart's layer shows only its heat, so the
others are the same pictures as last time; the qualifying chart stays the same after
qualifying).

Opt-in: `PURSUIT_CHART_CACHE` names the folder. A drawing is found by a hash of what it shows
(`Drawing.fingerprint`) and of the code that draws it (every module of `pursuit.charts` and
matplotlib's version), so a change to either draws it afresh; entries are never wrong, only
unused, and the folder may be emptied at any time. Entries are written whole (a temporary file
renamed), so processes may share the folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

import matplotlib

ENVIRONMENT = "PURSUIT_CHART_CACHE"


def folder() -> Path | None:
    """The cache folder `PURSUIT_CHART_CACHE` names, or None (no cache)."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    return Path(value) if value else None


def key(fingerprint: str) -> str:
    """The file name of the drawing `fingerprint` describes, drawn by this code."""
    return hashlib.sha256(f"{_code()}\n{fingerprint}".encode()).hexdigest() + ".svg"


def load(where: Path, name: str) -> bytes | None:
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def store(where: Path, name: str, image: bytes) -> None:
    """Keep `image` under `name` (best effort: a cache that cannot be written is no cache)."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(image)
        os.replace(temporary, where / name)
    except OSError:
        return


@cache
def _code() -> str:
    """A hash of the code that draws: the chart modules' source and matplotlib's version."""
    digest = hashlib.sha256(matplotlib.__version__.encode())
    package = resources.files("pursuit.charts")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    return digest.hexdigest()
