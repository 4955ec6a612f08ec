"""Files shipped inside the pursuit package (format presets, data, templates), found in the
folder pursuit is installed in.

pursuit is always installed as plain files (a wheel or an editable checkout), so the package's
folder holds them; `importlib.resources` finds the same files but costs every command that
reads one ~6 ms to import (it brings in `tempfile`, `zipfile`, `random` and readers for
packages inside archives, which pursuit never is).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_FOLDER = Path(__file__).parent


def shipped(*parts: str) -> Path:
    """The shipped file or folder at `parts`: `shipped("data", "nations.toml")`."""
    return PACKAGE_FOLDER.joinpath(*parts)
