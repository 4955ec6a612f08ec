"""Idempotency keys: a retried request applies once, a reused key never hides another request.

A caller may give a key with a request (the API's `Idempotency-Key`, the console form's
`command_id`). The log stores it with a digest of who asked for what — the actor and the
commands as decided on — as the events' command id, `key#digest`. The same key again with
the same request answers with what it did the first time; with another request or another
actor it is refused, never answered as if it had been recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from pursuit.core.commands import Command
from pursuit.errors import PursuitError

SEPARATOR = "#"


class KeyReused(PursuitError):
    """An idempotency key already used for another request or by another operator."""


def digest(actor: str, commands: Sequence[Command]) -> str:
    """Who asked for what, in 16 hex digits (commands are frozen dataclasses of values)."""
    text = actor + "\n" + "\n".join(repr(c) for c in commands)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stored_id(key: str, request_digest: str) -> str:
    return f"{key}{SEPARATOR}{request_digest}"


def key_of(command_id: str) -> tuple[str, str | None]:
    """The key and the request digest of a stored command id (None for ids written before
    digests were kept, and for ids the service made up itself)."""
    key, sep, rest = command_id.rpartition(SEPARATOR)
    if not sep or len(rest) != 16:
        return command_id, None
    return key, rest


def refused(key: str) -> KeyReused:
    return KeyReused(
        f"the idempotency key {key!r} was already used for another request; "
        "nothing was recorded: send a new key for a new request"
    )
