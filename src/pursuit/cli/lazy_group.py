"""The root `pursuit` group: each command is made, and its module imported, the first time it
is asked for; `pursuit --help` lists them all from `COMMANDS` without importing any."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer

from pursuit.cli import start_collector
from pursuit.cli.command_table import COMMANDS
from pursuit.cli.help_format import WholeHelpGroup
from pursuit.cli.plain_values import install


def make_command(name: str, rich_markup_mode: Any) -> Any:  # typer's click Command
    """The command `name` as `app.command()` / `app.add_typer()` on the root would make it."""
    entry = COMMANDS[name]
    target = getattr(importlib.import_module(f"pursuit.cli.{entry.module}"), entry.attribute)
    start_collector.resume()  # the imports are done: the command's own work is collected as usual
    holder = typer.Typer(rich_markup_mode=rich_markup_mode, add_completion=False)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name)(target)
    return typer.main.get_group(holder).commands[name]


class LazyCommands(MutableMapping[str, Any]):
    """Commands by name, the table's first and in its order; each made on first use. Typer's
    own lookups (running one, "did you mean …?") go through it unchanged."""

    def __init__(self, made: MutableMapping[str, Any], rich_markup_mode: Any) -> None:
        self._made = dict(made)
        self._markup = rich_markup_mode

    def __getitem__(self, name: str) -> Any:
        if name not in self._made:
            if name not in COMMANDS:
                raise KeyError(name)
            self._made[name] = make_command(name, self._markup)
        return self._made[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._made]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._made))


class LazyGroup(WholeHelpGroup):
    """A `WholeHelpGroup` whose commands are made on demand (`LazyCommands`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        install()  # plain option values read without pydantic
        self.commands = LazyCommands(self.commands, self.rich_markup_mode)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: nothing is imported

    def summary(self, ctx: Any, name: str) -> str | None:
        entry = COMMANDS.get(name)
        return entry.help if entry is not None else super().summary(ctx, name)
