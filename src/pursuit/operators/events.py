"""Operator events, in the past tense, with the wire names and data the `_users` log has always
stored, so a database written before this module existed reads unchanged.

`TokenIssued` is at version 2: a token now expires (`expires_at`). A version 1 `TokenIssued`,
written before tokens expired, reads as a token without an expiry (`expires_at` None): it keeps
working until it is revoked, its operator's password changes or its operator is disabled.

`secret_fields` names the fields of an event that are never shown to anyone (a password's hash,
a token's digest); a generic `describe(event)` leaves them out. `to_wire` and `from_wire`
convert events to and from (name, version, data) for the store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from pursuit.core.event_wire import UnknownEvent
from pursuit.operators.roles import Role


@dataclass(frozen=True, slots=True)
class OperatorEvent:
    wire_name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    secret_fields: ClassVar[frozenset[str]] = frozenset()


@dataclass(frozen=True, slots=True)
class UserCreated(OperatorEvent):
    wire_name = "UserCreated"
    secret_fields = frozenset({"password_hash"})
    name: str
    role: Role
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class RoleChanged(OperatorEvent):
    wire_name = "RoleChanged"
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class PasswordChanged(OperatorEvent):
    wire_name = "PasswordChanged"
    secret_fields = frozenset({"password_hash"})
    name: str
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class TokenIssued(OperatorEvent):
    wire_name = "TokenIssued"
    version = 2
    secret_fields = frozenset({"token_sha256"})
    name: str
    token_sha256: str = field(repr=False)
    expires_at: str | None  # an ISO 8601 instant; None only for a version 1 event


@dataclass(frozen=True, slots=True)
class TokenRevoked(OperatorEvent):
    wire_name = "TokenRevoked"
    secret_fields = frozenset({"token_sha256"})
    token_sha256: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class UserDisabled(OperatorEvent):
    """The operator may not log in; `decide` ends their sessions and revokes their tokens with
    it."""

    wire_name = "UserDisabled"
    name: str


@dataclass(frozen=True, slots=True)
class UserEnabled(OperatorEvent):
    wire_name = "UserEnabled"
    name: str


@dataclass(frozen=True, slots=True)
class SessionStarted(OperatorEvent):
    """An operator logged in to the console: the SHA-256 of the session's secret nonce, when it
    began and when it ends at the latest (ISO 8601 instants)."""

    wire_name = "SessionStarted"
    secret_fields = frozenset({"session_sha256"})
    name: str
    session_sha256: str = field(repr=False)
    started_at: str
    expires_at: str


@dataclass(frozen=True, slots=True)
class SessionEnded(OperatorEvent):
    wire_name = "SessionEnded"
    secret_fields = frozenset({"session_sha256"})
    session_sha256: str = field(repr=False)


EVENT_TYPES: dict[str, type[OperatorEvent]] = {
    cls.wire_name: cls
    for cls in (
        UserCreated,
        RoleChanged,
        PasswordChanged,
        TokenIssued,
        TokenRevoked,
        UserDisabled,
        UserEnabled,
        SessionStarted,
        SessionEnded,
    )
}
# Older versions still read, each brought to the current version's data.
_UPCASTS: dict[tuple[str, int], Callable[[dict[str, Any]], dict[str, Any]]] = {
    ("TokenIssued", 1): lambda data: {**data, "expires_at": None},
}
_FIELDS = {
    name: frozenset(f.name for f in dataclasses.fields(cls)) for name, cls in EVENT_TYPES.items()
}


def secret_fields_of(wire_name: str) -> frozenset[str]:
    """The secret fields of the operator event stored as `wire_name` (none for any other)."""
    cls = EVENT_TYPES.get(wire_name)
    return cls.secret_fields if cls is not None else frozenset()


def shown_data(event: OperatorEvent) -> dict[str, Any]:
    """The event's data without its secret fields: what may be shown to a person."""
    _, _, data = to_wire(event)
    return {k: v for k, v in data.items() if k not in event.secret_fields}


def to_wire(event: OperatorEvent) -> tuple[str, int, dict[str, Any]]:
    """(wire name, version, data); data keeps the fields in declaration order, roles as text."""
    data = {f.name: _plain(getattr(event, f.name)) for f in dataclasses.fields(event)}
    return event.wire_name, event.version, data


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def from_wire(name: str, version: int, data: dict[str, Any]) -> OperatorEvent:
    """The event stored as (name, version, data); raises UnknownEvent for one this version of
    pursuit cannot read (better than skipping a change to who may do what)."""
    cls = EVENT_TYPES.get(name)
    upcast = _UPCASTS.get((name, version))
    if upcast is not None:
        data, version = upcast(data), cls.version if cls is not None else version
    if cls is None or version != cls.version:
        raise UnknownEvent(f"cannot read operator event {name} v{version}")
    known = {k: v for k, v in data.items() if k in _FIELDS[name]}
    try:
        if "role" in known:
            known["role"] = Role(known["role"])
        return cls(**known)
    except (TypeError, ValueError) as e:
        raise UnknownEvent(f"cannot read operator event {name} v{version}: {e}") from e
