"""The cyclic garbage collector paused while the `pursuit` program starts.

Starting a command imports typer, the rules and the command's module: tens of thousands of
objects made once and alive until the process ends. The collector, run every 700 new objects,
walked them about forty times on the way (≈ 7 ms of `pursuit show`) and freed nothing. So the
program's entry (`pursuit.cli.entry`) pauses it, and the root group resumes it as soon as the
command's module is imported; what the imports made is then frozen (`gc.freeze`: moved where
collections never look again, as it lives until exit anyway) and the collector runs as usual
for the command's own work. Only the entry pauses it: code that imports the command line
otherwise (tests, scripts) keeps its collector as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """The collector off, if it was on, until `resume`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector running again, the objects made so far frozen, if `pause` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
