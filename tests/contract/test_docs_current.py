"""Docs that are checked: the CLI reference is the --help of every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_cli_reference_in_docs_is_what_help_prints():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_readme_names_commands_that_exist():
    readme = (ROOT / "README.md").read_text("utf-8")
    reference = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for line in readme.splitlines():
        if line.startswith("| `pursuit "):
            name = line.split("`")[1].split()[1]
            assert f"## `pursuit {name}" in reference, name
