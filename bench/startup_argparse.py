"""A prototype, for measuring only: `pursuit show FILE` with its arguments read by argparse
instead of typer, to know what the command line's framework costs a whole process.

    python bench/startup_argparse.py show FILE          argparse reads the arguments
    python bench/startup_argparse.py --no-parser FILE   no parser at all: the rules and the
                                                        work alone (the floor of `show`)

It does what `pursuit show FILE` does for a file into a pipe (the same text, compared by
bench/startup.py before timing it): the garbage collector paused while importing, as the
program's entry does, the results computed and printed as plain text, then a quick exit.
It is not the command line: no --db, no errors worded for users, no other command.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    gc.disable()
    if sys.argv[1:2] == ["--no-parser"]:
        from pathlib import Path

        file = Path(sys.argv[2])
    else:
        import argparse
        from pathlib import Path

        parser = argparse.ArgumentParser(prog="pursuit")
        commands = parser.add_subparsers(dest="command", required=True)
        show = commands.add_parser("show", help="Print every round's table and the classification.")
        show.add_argument("file", type=Path)
        show.add_argument("--db")
        show.add_argument("--competition")
        show.add_argument("--as-of")
        show.add_argument("--decisions", type=int)
        file = parser.parse_args().file
    from pursuit.app.file_results import compute_file
    from pursuit.cli.terminal import print_plain

    gc.freeze()
    gc.enable()
    print_plain(compute_file(file).view)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
