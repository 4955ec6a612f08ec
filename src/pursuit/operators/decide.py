"""Check an operator command against the operators as they are; return the events it causes.

`decide` is pure and changes nothing: a refused command raises `OperatorError` saying why,
and the log stays as it was. Taking access back is spelled out in events: a password change or
disabling an operator decides a `TokenRevoked` for each of their tokens and a `SessionEnded`
for each of their sessions, so the log says what stopped working and when.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pursuit.errors import PursuitError
from pursuit.operators import commands as c
from pursuit.operators import events as ev
from pursuit.operators.state import OperatorsState

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class OperatorError(PursuitError):
    """An operator change that is refused: a bad name, a taken name, an unknown operator or
    token."""


def check_name(name: str) -> None:
    """Refuse a login name that is not 1–40 letters, digits, dots, dashes or underscores."""
    if not _NAME.match(name):
        raise OperatorError(
            f"a user name is 1–40 letters, digits, dots, dashes or underscores, not {name!r}"
        )


def decide(state: OperatorsState, command: c.OperatorCommand) -> list[ev.OperatorEvent]:
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise OperatorError(f"unknown command {type(command).__name__}")
    return handler(state, command)


def _known(state: OperatorsState, name: str) -> None:
    if name not in state.users:
        raise OperatorError(f"no user {name!r}")


def _enabled(state: OperatorsState, name: str) -> None:
    _known(state, name)
    if state.users[name].disabled:
        raise OperatorError(f"user {name!r} is disabled")


def _access_ends(state: OperatorsState, name: str) -> list[ev.OperatorEvent]:
    """Every token of `name` revoked and every session ended."""
    revoked: list[ev.OperatorEvent] = [ev.TokenRevoked(d) for d in state.tokens_of(name)]
    ended: list[ev.OperatorEvent] = [ev.SessionEnded(d) for d in state.sessions_of(name)]
    return revoked + ended


def _add(state: OperatorsState, cmd: c.AddOperator) -> list[ev.OperatorEvent]:
    check_name(cmd.name)
    if cmd.name in state.users:
        raise OperatorError(f"user {cmd.name!r} already exists")
    return [ev.UserCreated(cmd.name, cmd.role, cmd.password_hash)]


def _change_role(state: OperatorsState, cmd: c.ChangeRole) -> list[ev.OperatorEvent]:
    _known(state, cmd.name)
    return [ev.RoleChanged(cmd.name, cmd.role)]


def _change_password(state: OperatorsState, cmd: c.ChangePassword) -> list[ev.OperatorEvent]:
    _known(state, cmd.name)
    return [ev.PasswordChanged(cmd.name, cmd.password_hash), *_access_ends(state, cmd.name)]


def _issue_token(state: OperatorsState, cmd: c.IssueToken) -> list[ev.OperatorEvent]:
    _enabled(state, cmd.name)
    if cmd.token_sha256 in state.tokens:
        raise OperatorError("that token is already issued; draw another")
    return [ev.TokenIssued(cmd.name, cmd.token_sha256, cmd.expires_at)]


def _revoke_token(state: OperatorsState, cmd: c.RevokeToken) -> list[ev.OperatorEvent]:
    if cmd.name is not None:
        _known(state, cmd.name)
    grant = state.tokens.get(cmd.token_sha256)
    if grant is None or (cmd.name is not None and grant.name != cmd.name):
        owner = f" of {cmd.name!r}" if cmd.name is not None else ""
        raise OperatorError(f"no such token{owner}: it was never issued or is already revoked")
    return [ev.TokenRevoked(cmd.token_sha256)]


def _revoke_tokens(state: OperatorsState, cmd: c.RevokeTokens) -> list[ev.OperatorEvent]:
    _known(state, cmd.name)
    return [ev.TokenRevoked(d) for d in state.tokens_of(cmd.name)]


def _disable(state: OperatorsState, cmd: c.DisableUser) -> list[ev.OperatorEvent]:
    _enabled(state, cmd.name)
    return [ev.UserDisabled(cmd.name), *_access_ends(state, cmd.name)]


def _enable(state: OperatorsState, cmd: c.EnableUser) -> list[ev.OperatorEvent]:
    _known(state, cmd.name)
    if not state.users[cmd.name].disabled:
        raise OperatorError(f"user {cmd.name!r} is not disabled")
    return [ev.UserEnabled(cmd.name)]


def _start_session(state: OperatorsState, cmd: c.StartSession) -> list[ev.OperatorEvent]:
    _enabled(state, cmd.name)
    if cmd.session_sha256 in state.sessions:
        raise OperatorError("that session has already begun; draw another")
    return [ev.SessionStarted(cmd.name, cmd.session_sha256, cmd.started_at, cmd.expires_at)]


def _end_session(state: OperatorsState, cmd: c.EndSession) -> list[ev.OperatorEvent]:
    return [ev.SessionEnded(cmd.session_sha256)] if cmd.session_sha256 in state.sessions else []


_HANDLERS: dict[
    type[c.OperatorCommand], Callable[[OperatorsState, Any], list[ev.OperatorEvent]]
] = {
    c.AddOperator: _add,
    c.ChangeRole: _change_role,
    c.ChangePassword: _change_password,
    c.IssueToken: _issue_token,
    c.RevokeToken: _revoke_token,
    c.RevokeTokens: _revoke_tokens,
    c.DisableUser: _disable,
    c.EnableUser: _enable,
    c.StartSession: _start_session,
    c.EndSession: _end_session,
}
