"""Command lists in `--help` that say what each command does in full: click cuts each
description to the width left on the line ("Print the final classification (or, with
--json, every..."); here the first sentence is kept whole and wrapped instead."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

WHOLE_SENTENCE = 10_000  # characters: more than any first sentence, so none is cut


class WholeHelpGroup(TyperGroup):
    """A command group whose `--help` lists each command with its whole first sentence."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # typer's click types
        rows = []
        for name in self.list_commands(ctx):
            line = self.summary(ctx, name)
            if line is not None:
                rows.append((name, line))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def summary(self, ctx: Any, name: str) -> str | None:
        """The line listed for command `name`; None for a hidden one."""
        command = self.get_command(ctx, name)
        if command is None or command.hidden:
            return None
        text: str = command.get_short_help_str(WHOLE_SENTENCE)
        return text
