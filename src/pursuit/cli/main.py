"""The `pursuit` command."""

from __future__ import annotations

import sys

import typer

from pursuit import __version__
from pursuit.cli.lazy_group import LazyGroup

app = typer.Typer(
    cls=LazyGroup,  # the commands of cli/command_table.py, each imported when it runs
    name="pursuit",
    help="Run track-cycling pursuit competitions exactly by the rules.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"pursuit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Run track-cycling pursuit competitions exactly by the rules."""


def main() -> None:
    try:
        app()  # ends with SystemExit, as click does
    except SystemExit as done:
        from pursuit.cli.leaving import leave

        leave(done.code, sys.argv[1] if len(sys.argv) > 1 else None)


if __name__ == "__main__":
    main()
