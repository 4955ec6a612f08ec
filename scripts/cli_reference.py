"""Write docs/cli.md from the `--help` of every pursuit command.

.venv/bin/python scripts/cli_reference.py          # rewrite docs/cli.md
.venv/bin/python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from pursuit.cli.main import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _help(path: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], prog_name="pursuit", env={"COLUMNS": "100", "TERMINAL_WIDTH": "100"}
    )
    return result.output


def _walk(command: Any, path: list[str]) -> list[list[str]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += _walk(sub, [*path, name])
    return found


def reference() -> str:
    root = typer.main.get_command(app)
    parts = [
        "# Command reference",
        "",
        "Generated from `--help` by `scripts/cli_reference.py`; a test keeps it current.",
        "",
    ]
    for path in _walk(root, []):
        title = " ".join(["pursuit", *path])
        parts += [f"## `{title}`", "", "```text", _help(path).rstrip(), "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = reference()
    if "--check" in sys.argv:
        current = DOC.read_text("utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is stale: run scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
