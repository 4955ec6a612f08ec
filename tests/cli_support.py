"""The `pursuit` command run as a user runs it: a separate Python process, `python -m pursuit`.

Shared by every test folder (pyproject puts `tests/` on the path). In-process runs go through
Typer's CliRunner instead; these are for what only a real process shows (exit codes, stdout and
stderr apart, signals, a server on a port).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

COMMAND = (sys.executable, "-m", "pursuit")


def run_pursuit(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `pursuit ARGS` to its end; stdout and stderr captured apart, as text. Any exit code
    is returned, not raised: the caller asserts on it."""
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
    )


def start_pursuit(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start `pursuit ARGS` (e.g. `serve`) and leave it running; its stdout and stderr come as
    one text stream on `.stdout`. The caller stops it."""
    return subprocess.Popen(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env=env,
    )
