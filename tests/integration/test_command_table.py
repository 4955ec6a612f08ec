"""The one table of commands (cli/command_table.py) says what the modules say: the same
commands in the same modules, the same line of help, and typer's own reading of values."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from pursuit.cli.command_table import COMMANDS
from pursuit.cli.help_format import WHOLE_SENTENCE
from pursuit.cli.lazy_group import make_command
from pursuit.cli.main import app

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"
)


def registered(module_name: str) -> dict[str, Any]:
    """What the module's own `register` puts on an app: name → function or Typer app."""
    holder = typer.Typer()
    importlib.import_module(f"pursuit.cli.{module_name}").register(holder)
    found: dict[str, Any] = {}
    for info in holder.registered_commands:
        assert info.callback is not None
        found[info.name or info.callback.__name__.replace("_", "-")] = info.callback
    for group in holder.registered_groups:
        target = group.typer_instance
        assert target is not None
        found[group.name or target.info.name] = target
    return found


def test_the_table_holds_every_command_each_module_registers_and_no_other() -> None:
    modules = dict.fromkeys(entry.module for entry in COMMANDS.values())
    expected: dict[str, Any] = {}
    for module in modules:
        expected |= registered(module)
    table = {
        name: getattr(importlib.import_module(f"pursuit.cli.{e.module}"), e.attribute)
        for name, e in COMMANDS.items()
    }
    assert table.keys() == expected.keys()
    for name, target in table.items():
        assert target is expected[name], name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_tables_line_of_help_is_the_commands_own(name: str) -> None:
    command = make_command(name, None)
    assert COMMANDS[name].help == command.get_short_help_str(WHOLE_SENTENCE)


def test_commands_are_made_once_and_run_as_registered() -> None:
    root = typer.main.get_command(app)
    assert root.commands["show"] is root.commands["show"]
    done = CliRunner().invoke(app, ["classify", str(EXAMPLE)], env={"COLUMNS": "100"})
    assert done.exit_code == 0, done.output
    assert "Daniel Rébillard" in done.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--decisions", "-1"], "greater than or equal to 0"),
        (["--decisions", "two"], "valid integer"),
        (["--decisions", "1.5"], "valid integer"),
    ],
)
def test_a_value_that_is_not_plain_gets_typers_own_message(args: list[str], message: str) -> None:
    done = CliRunner().invoke(app, ["show", str(EXAMPLE), *args])
    assert done.exit_code == 2
    assert "Invalid value for '--decisions'" in done.output
    assert message in done.output


def test_plain_values_are_read_as_typer_reads_them() -> None:
    """The same show, with --decisions given as plain text, as a signed number and with
    leading zeros: read as the same whole number each time."""
    outputs = {
        CliRunner().invoke(app, ["show", str(EXAMPLE), "--decisions", text]).output
        for text in ("0", "+0", "000")
    }
    assert len(outputs) == 1
