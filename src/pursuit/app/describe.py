"""One line for an event, as the log, the CLI's confirmations, the console and the API show it:
`SplitRecorded round=Q, heat=3, entrant=…, half_lap=4, elapsed=1:16.00`.

Secrets never show: a password's hash or a token's or session's digest is left out whatever the
event, and so is a competition's whole format table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pursuit.core.ordinals import ordinal

HIDDEN = frozenset({"format_definition", "password_hash", "token_sha256", "session_sha256"})


def describe(kind: str, data: dict[str, Any]) -> str:
    fields = ", ".join(f"{k}={_shown(v)}" for k, v in data.items() if k not in HIDDEN and _shows(v))
    return f"{kind} {fields}".rstrip()


def _shows(value: Any) -> bool:
    """Nothing, false and empty values are left out; a zero is not."""
    if value is None or value is False:
        return False
    return not (isinstance(value, str | list | tuple | dict) and not value)


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def narrate(kind: str, data: dict[str, Any], actor: str = "") -> str:
    """An event as an official reads it, with who recorded it:
    `Q heat 3: Daniel Rebillard, half lap 4 at 1:16.00 (tk1)`. Events without words of their
    own fall back to `describe`."""
    words = _WORDS.get(kind)
    text = words(data) if words is not None else describe(kind, data)
    return f"{text} ({actor})" if actor else text


def _heat(d: dict[str, Any]) -> str:
    heat = d.get("heat")
    return f"{d.get('round')} heat {heat}" if heat is not None else f"{d.get('round')}"


def _because(d: dict[str, Any]) -> str:
    return f": {d['reason']}" if d.get("reason") else ""


def _start(d: dict[str, Any]) -> str:
    n = d.get("start")
    return f"{ordinal(n)} start" if isinstance(n, int) else "a start"


def _corrected(d: dict[str, Any]) -> str:
    changes = [str(d[k]) for k in ("time", "status") if d.get(k)]
    if d.get("clear_time"):
        changes.append("time cleared")
    return f"{d.get('round')}: {d.get('entrant')} corrected to {', '.join(changes)}{_because(d)}"


def _drawn(d: dict[str, Any]) -> str:
    heats = d.get("heats") or []
    return f"{d.get('round')} drawn: {len(heats)} heat{'s' if len(heats) != 1 else ''}"


# what an incident cost, as officials say it (core.incident_rules.Consequence and "restart")
_CONSEQUENCES = {
    "restart": "the heat restarts",
    "reride": "re-ride at the end of the round",
    "beaten": "considered beaten",
    "eliminated": "eliminated",
    "relegated": "relegated",
    "disqualified": "disqualified",
    "ignored": "the race goes on",
}


_WORDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "HeatStarted": lambda d: (
        f"{_heat(d)} started"
        + (f" (impulse {d['start_impulse']})" if d.get("start_impulse") else "")
    ),
    "SplitRecorded": lambda d: (
        f"{_heat(d)}: {d.get('entrant')}, half lap {d.get('half_lap')} at {d.get('elapsed')}"
    ),
    "HalfLapMissed": lambda d: (
        f"{_heat(d)}: {d.get('entrant')}, half lap {d.get('half_lap')} missed (skipped)"
    ),
    "FinishRecorded": lambda d: (
        f"{_heat(d)}: {d.get('entrant')} finished in {d.get('time')}"
        + (f" ({d['record']})" if d.get("record") else "")
    ),
    "CatchRecorded": lambda d: (
        f"{_heat(d)}: {d.get('catcher')} caught {d.get('caught')}"
        + (f" at half lap {d['half_lap']}" if d.get("half_lap") else "")
    ),
    "OutcomeRecorded": lambda d: f"{_heat(d)}: {d.get('entrant')} {str(d.get('status')).upper()}",
    "RiderDisqualified": lambda d: (
        f"{d.get('round')}: {d.get('entrant')} disqualified" + _because(d)
    ),
    "RiderRelegated": lambda d: f"{d.get('round')}: {d.get('entrant')} relegated" + _because(d),
    "RideCorrected": _corrected,
    "SplitCorrected": lambda d: (
        f"{d.get('round')}: {d.get('entrant')}, half lap {d.get('half_lap')} corrected to "
        f"{d.get('elapsed')}{_because(d)}"
    ),
    "RoundDrawn": _drawn,
    "RoundScheduled": lambda d: (
        f"{d.get('round')} scheduled {d.get('date')} {d.get('time') or ''}".rstrip()
    ),
    "EntrantRegistered": lambda d: (
        f"{d.get('name')} entered" + (f" ({d['nation']})" if d.get("nation") else "")
    ),
    "DecisionRecorded": lambda d: (
        f"decision ({d.get('effect')}) by {d.get('authority')}"
        + (f", {d['date']}" if d.get("date") else "")
        + (f", {d['round']}" if d.get("round") else "")
        + (f", {d['entrant']}" if d.get("entrant") else "")
        + (f", place {d['place']}" if d.get("place") else "")
        + _because(d)
        + (f" ({d['reference']})" if d.get("reference") else "")
    ),
    "FalseStartRecorded": lambda d: f"{_heat(d)}: false start by {d.get('entrant')} ({_start(d)})",
    "IncidentRecorded": lambda d: (
        f"{_heat(d)}: {d.get('kind')} of {d.get('entrant')} at half lap {d.get('half_lap')}"
        f" ({_CONSEQUENCES.get(str(d.get('consequence')), d.get('consequence'))})"
    ),
    "HeatStopped": lambda d: f"{_heat(d)} stopped" + _because(d),
    "RerideGranted": lambda d: (
        f"{d.get('round')}: {d.get('entrant')} re-rides in heat {d.get('heat')}" + _because(d)
    ),
    "ConsideredBeaten": lambda d: f"{_heat(d)}: {d.get('entrant')} considered beaten" + _because(d),
    "LineupDeclared": lambda d: (
        f"{d.get('round')}: {d.get('team')} line-up "
        + ", ".join(str(r) for r in d.get("riders") or ())
        + (" (by default)" if d.get("by_default") else "")
    ),
    "OrderPublished": lambda d: (
        f"{d.get('round')}: published order " + " > ".join(str(n) for n in d.get("names") or ())
    ),
    "RoundNoted": lambda d: f"{d.get('round')}: note " + repr(d.get("note") or ""),
    "RiderDropped": lambda d: (
        f"{_heat(d)}: {d.get('rider')} of {d.get('team')} dropped"
        + (f" at half lap {d['half_lap']}" if d.get("half_lap") else "")
    ),
}
