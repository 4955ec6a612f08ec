"""One line for an event, as the log, the CLI's confirmations, the console and the API show it:
`SplitRecorded round=Q, heat=3, entrant=…, half_lap=4, elapsed=1:16.00`.

Secrets never show: a password's hash or a token's or session's digest is left out whatever the
event, and so is a competition's whole format table."""

from __future__ import annotations

from typing import Any

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
