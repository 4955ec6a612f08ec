"""An entrant's nation code, checked where entrants are registered (entries CSV, the API,
the console): an IOC code (current or historic) or one the competition declares."""

from __future__ import annotations

from collections.abc import Iterable

from pursuit.core.nations import nation_problem
from pursuit.loading.nations import ioc_nations


def nation_refusal(code: str | None, declared: Iterable[tuple[str, str]] = ()) -> str | None:
    """Why `code` is refused in a competition declaring `declared` (code, name), or None."""
    if code is None:
        return None
    problem = nation_problem(code, ioc_nations(), dict(declared))
    if problem is None:
        return None
    kind, said = problem
    if kind == "unknown-nation":
        said += "; a competition declares other codes under [nations] in its file"
    return said
