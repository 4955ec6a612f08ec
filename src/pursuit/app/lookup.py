"""Find an entrant from what an operator types: full name, bib, or a unique part of a name."""

from __future__ import annotations

from pursuit.core.entrants import sort_key
from pursuit.core.live_state import CompetitionState
from pursuit.errors import PursuitError


class NoSuchEntrant(PursuitError):
    """What was typed matches no entrant, or more than one."""


def find_entrant(state: CompetitionState, typed: str) -> str:
    text = typed.strip()
    if text in state.entrants:
        return text
    by_bib = [e.name for e in state.entrants.values() if e.bib is not None and e.bib == text]
    if len(by_bib) == 1:
        return by_bib[0]
    wanted = sort_key(text)
    matches = [name for name in state.entrants if wanted in sort_key(name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NoSuchEntrant(f"no entrant matches {typed!r}")
    raise NoSuchEntrant(
        f"{typed!r} matches {len(matches)} entrants: {', '.join(matches[:6])}"
        f"{' …' if len(matches) > 6 else ''}; type more of the name or the bib"
    )
