"""How a `pursuit` process ends: the stores closed, then, where nothing else is left to tidy,
straight out without the interpreter's teardown (it freed every module's objects one by one:
tens of milliseconds a command spent after its work was done)."""

from __future__ import annotations

import os
import sys
import threading
from typing import NoReturn

from pursuit.cli.command_table import COMMANDS
from pursuit.cli.database import close_stores


def leave(code: int | str | None, command: str | None) -> NoReturn:
    """End with `code` (a SystemExit's) after `command` (the first argument) ran. The quick way
    only when no command ran (help, version, a usage error) or its table entry allows it, no
    other thread runs, and standard output and error took everything written to them."""
    close_stores()
    entry = COMMANDS.get(command or "")
    quick = entry is None or entry.quick_exit
    if quick and threading.active_count() == 1 and not isinstance(code, str):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe or stream: Python's own exit reports it
            sys.exit(code)
        os._exit(code or 0)
    sys.exit(code)
