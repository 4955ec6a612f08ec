"""The `pursuit` program's entry (the console script and `python -m pursuit`): the command
line itself is in `pursuit.cli.main`, imported here with the garbage collector paused
(`pursuit.cli.start_collector` says why)."""

from __future__ import annotations

from pursuit.cli import start_collector


def main() -> None:
    """`pursuit …`"""
    start_collector.pause()  # resumed by the root group once the command's module is imported
    from pursuit.cli.main import main as run

    run()
