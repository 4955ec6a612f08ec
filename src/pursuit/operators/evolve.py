"""Fold operator events into `OperatorsState`. `evolve` never fails on a readable log.

A role or password change (or disabling) for a name the log does not know is skipped, as it
always was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from pursuit.operators import events as ev
from pursuit.operators.state import Grant, OperatorsState, User, instant


def _created(state: OperatorsState, e: ev.UserCreated) -> None:
    state.users[e.name] = User(e.name, e.role, e.password_hash, state.position)


def _role_changed(state: OperatorsState, e: ev.RoleChanged) -> None:
    if e.name in state.users:
        state.users[e.name] = replace(state.users[e.name], role=e.role)


def _password_changed(state: OperatorsState, e: ev.PasswordChanged) -> None:
    if e.name in state.users:
        state.users[e.name] = replace(
            state.users[e.name], password_hash=e.password_hash, credentials=state.position
        )


def _token_issued(state: OperatorsState, e: ev.TokenIssued) -> None:
    state.tokens[e.token_sha256] = Grant(e.name, e.expires_at)


def _token_revoked(state: OperatorsState, e: ev.TokenRevoked) -> None:
    state.tokens.pop(e.token_sha256, None)


def _disabled(state: OperatorsState, e: ev.UserDisabled) -> None:
    if e.name in state.users:
        state.users[e.name] = replace(state.users[e.name], disabled=True)


def _enabled(state: OperatorsState, e: ev.UserEnabled) -> None:
    if e.name in state.users:
        state.users[e.name] = replace(state.users[e.name], disabled=False)


def _session_started(state: OperatorsState, e: ev.SessionStarted) -> None:
    """Sessions over by the time this one began are forgotten: the state keeps only the ones
    that may still be open."""
    try:
        began = instant(e.started_at)
    except ValueError:
        began = None
    if began is not None:
        for digest in [d for d, g in state.sessions.items() if g.expired(began)]:
            del state.sessions[digest]
    state.sessions[e.session_sha256] = Grant(e.name, e.expires_at)


def _session_ended(state: OperatorsState, e: ev.SessionEnded) -> None:
    state.sessions.pop(e.session_sha256, None)


_HANDLERS: dict[type[ev.OperatorEvent], Callable[[OperatorsState, Any], None]] = {
    ev.UserCreated: _created,
    ev.RoleChanged: _role_changed,
    ev.PasswordChanged: _password_changed,
    ev.TokenIssued: _token_issued,
    ev.TokenRevoked: _token_revoked,
    ev.UserDisabled: _disabled,
    ev.UserEnabled: _enabled,
    ev.SessionStarted: _session_started,
    ev.SessionEnded: _session_ended,
}


def evolve(state: OperatorsState, event: ev.OperatorEvent) -> OperatorsState:
    """Apply one event (the next position) to `state`, in place, and return it."""
    state.position += 1
    _HANDLERS[type(event)](state, event)
    return state


def fold(events: Iterable[ev.OperatorEvent], state: OperatorsState | None = None) -> OperatorsState:
    state = state if state is not None else OperatorsState()
    for event in events:
        evolve(state, event)
    return state
