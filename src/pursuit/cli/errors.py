"""How the CLI reports a user's error: one line naming the place, exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

from pursuit.errors import PursuitError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def reported() -> Iterator[None]:
    """Turn a PursuitError into `error: …` on stderr and exit 2 — never a traceback."""
    try:
        yield
    except PursuitError as e:
        print(f"error: {e}", file=sys.stderr)
        raise typer.Exit(EXIT_UNUSABLE) from None


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reported():
            return func(*args, **kwargs)

    return wrapper
