"""The `pursuit` command."""

from __future__ import annotations

import typer

from pursuit import __version__
from pursuit.cli import (
    incident_commands,
    log_commands,
    operate_commands,
    publish_command,
    replay_command,
    results_commands,
    serve_command,
    sheet_command,
    timing_commands,
    user_commands,
)
from pursuit.cli.help_format import WholeHelpGroup

app = typer.Typer(
    cls=WholeHelpGroup,
    name="pursuit",
    help="Run track-cycling pursuit competitions exactly by the rules.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
results_commands.register(app)
log_commands.register(app)
operate_commands.register(app)
incident_commands.register(app)
replay_command.register(app)
sheet_command.register(app)
publish_command.register(app)
serve_command.register(app)
user_commands.register(app)
timing_commands.register(app)


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
    app()


if __name__ == "__main__":
    main()
