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


def test_help_lists_every_command_with_its_whole_first_sentence():
    """At 80 columns no description is cut off with "...": each is wrapped instead."""
    import typer
    from typer.testing import CliRunner

    from pursuit.cli.main import app

    root = typer.main.get_command(app)
    groups = [([], root)] + [
        ([name], sub)
        for name, sub in getattr(root, "commands", {}).items()
        if hasattr(sub, "commands")
    ]
    for path, group in groups:
        shown = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"}).output
        listed = shown.split("Commands:")[1]
        assert "..." not in listed, path
        listed = " ".join(listed.split())
        for name, command in group.commands.items():
            first = command.get_short_help_str(10_000)
            assert first and " ".join(first.split()) in listed, (path, name)
