"""`Operators`: the operators' log in the event store, read and written through the domain.

Operators are appended as events to the same append-only log as the competitions, under the
reserved competition id `_users` (`STREAM`), so every store (memory, SQLite, PostgreSQL) holds
them with no schema of its own, who granted what stays on record, concurrent changes are settled
by the same head check, and other processes on a shared database see new operators at once.

This adapter does what the pure domain must not: it hashes passwords (argon2), draws API tokens
(only their SHA-256 is kept), reads the clock (when a token or a session expires, whether it
has), stamps the time and retries a write that lost a race.

Access can be taken back, in every process sharing the store at once, because it is all in
the log: a token expires (`TOKEN_DAYS` days unless asked otherwise) or is revoked; a console
session is recorded when it begins (the SHA-256 of its secret nonce) and ends on logging out;
a password change or disabling an operator revokes their tokens and ends their sessions.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from pursuit.app.ids import RESERVED_PREFIX
from pursuit.operators import commands as c
from pursuit.operators.decide import OperatorError, check_name, decide
from pursuit.operators.events import from_wire, to_wire
from pursuit.operators.evolve import evolve
from pursuit.operators.passwords import MIN_LENGTH, Passwords
from pursuit.operators.roles import parse_role
from pursuit.operators.state import (
    MAX_TOKEN_DAYS,
    TOKEN_DAYS,
    Grant,
    OperatorsState,
    User,
    instant,
)
from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent

STREAM = RESERVED_PREFIX + "users"  # "_users": never a competition
TOKEN_PREFIX = "pst_"
_ATTEMPTS = 3


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_digest(nonce: str) -> str:
    return hashlib.sha256(("session:" + nonce).encode()).hexdigest()


class AccessRefused(OperatorError):
    """A token or session that does not (or no longer) let anyone in, and why."""


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once: only its SHA-256 is kept
    name: str
    expires_at: str


class Operators:
    def __init__(self, store: EventStore, passwords: Passwords, clock: Callable[[], str]) -> None:
        self._store = store
        self._passwords = passwords
        self._clock = clock
        self._lock = threading.Lock()
        self._state = OperatorsState()

    def state(self) -> OperatorsState:
        """The operators as of the store's head (re-read only when the head moved)."""
        with self._lock:
            old = self._state
            if self._store.head(STREAM) != old.position:
                fresh = old.copy()
                for e in self._store.read(STREAM, old.position):
                    evolve(fresh, from_wire(e.type, e.version, e.data))
                self._state = fresh  # readers keep the copy they were given
            return self._state

    def get(self, name: str) -> User | None:
        return self.state().users.get(name)

    def all(self) -> list[User]:
        return sorted(self.state().users.values(), key=lambda u: u.name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The operator with this name and password, unless they are disabled."""
        user = self.get(name)
        ok = self._passwords.verify(user.password_hash if user else None, password)
        return user if ok and user is not None and not user.disabled else None

    def token_user(self, token: str) -> User:
        """The operator whose token this is; AccessRefused if it is unknown, revoked or expired,
        or its operator is disabled."""
        return self._holder(self.state().tokens.get(token_digest(token)), "token")

    def session_user(self, nonce: str, name: str) -> User | None:
        """The operator of the console session with this nonce, if it began as `name`'s and has
        not ended or expired and `name` is not disabled."""
        grant = self.state().sessions.get(session_digest(nonce))
        if grant is None or grant.name != name:
            return None
        try:
            return self._holder(grant, "session")
        except AccessRefused:
            return None

    def tokens_in_force(self, name: str) -> int:
        """How many of `name`'s tokens are neither revoked nor expired."""
        state, now = self.state(), instant(self._clock())
        return sum(not state.tokens[d].expired(now) for d in state.tokens_of(name))

    def _holder(self, grant: Grant | None, what: str) -> User:
        state = self.state()
        if grant is None:
            raise AccessRefused(f"unknown or revoked {what}")
        if grant.expired(instant(self._clock())):
            raise AccessRefused(f"{what} expired")
        user = state.users.get(grant.name)
        if user is None or user.disabled:
            raise AccessRefused(f"user {grant.name!r} is disabled")
        return user

    def add(self, name: str, role: str, password: str, actor: str) -> User:
        check_name(name)  # before the costly hash
        wanted = parse_role(role)
        self._execute(c.AddOperator(name, wanted, self._hash(password)), actor)
        user = self.get(name)
        assert user is not None
        return user

    def set_role(self, name: str, role: str, actor: str) -> None:
        self._execute(c.ChangeRole(name, parse_role(role)), actor)

    def set_password(self, name: str, password: str, actor: str) -> None:
        self._execute(c.ChangePassword(name, self._hash(password)), actor)

    def issue_token(self, name: str, actor: str, days: int = TOKEN_DAYS) -> str:
        """A new API token for `name`, returned once: only its SHA-256 is stored."""
        return self.grant_token(name, actor, days).token

    def grant_token(self, name: str, actor: str, days: int = TOKEN_DAYS) -> IssuedToken:
        """A new API token for `name` that lasts `days` days, and when it expires."""
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise OperatorError(f"a token lasts 1 to {MAX_TOKEN_DAYS} days, not {days}")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        expires = self._later(timedelta(days=days))
        self._execute(c.IssueToken(name, token_digest(token), expires), actor)
        return IssuedToken(token, name, expires)

    def revoke_token(self, token: str, actor: str, name: str | None = None) -> None:
        """Revoke one token (with `name`: only if it is that operator's)."""
        self._execute(c.RevokeToken(token_digest(token.strip()), name), actor)

    def revoke_tokens(self, name: str, actor: str) -> int:
        """Revoke every token of `name`; how many there were."""
        return self._execute(c.RevokeTokens(name), actor)

    def disable(self, name: str, actor: str) -> None:
        """`name` may no longer log in; their sessions end and their tokens are revoked."""
        self._execute(c.DisableUser(name), actor)

    def enable(self, name: str, actor: str) -> None:
        self._execute(c.EnableUser(name), actor)

    def start_session(self, name: str, nonce: str, max_age_s: float) -> None:
        """Record that `name` logged in to the session with this secret nonce."""
        started = self._clock()
        expires = self._later(timedelta(seconds=max_age_s))
        self._execute(c.StartSession(name, session_digest(nonce), started, expires), name)

    def end_session(self, nonce: str, actor: str) -> None:
        """End the session with this nonce (logging out): its cookie no longer lets anyone in."""
        self._execute(c.EndSession(session_digest(nonce)), actor)

    def _later(self, span: timedelta) -> str:
        return (instant(self._clock()) + span).isoformat()

    def _hash(self, password: str) -> str:
        if len(password) < MIN_LENGTH:
            raise OperatorError(f"a password needs at least {MIN_LENGTH} characters")
        return self._passwords.hash(password)

    def _execute(self, command: c.OperatorCommand, actor: str) -> int:
        """Decide against the newest state and append; on a lost race, decide again. How many
        events it recorded."""
        command_id = uuid.uuid4().hex
        for attempt in range(_ATTEMPTS):
            state = self.state()
            new = [
                NewEvent(*to_wire(event), command_id, actor, self._clock())
                for event in decide(state, command)
            ]
            if not new:
                return 0
            try:
                self._store.append(STREAM, state.position, new)
                return len(new)
            except ConcurrencyConflict:
                if attempt == _ATTEMPTS - 1:
                    raise
        return 0  # not reached: the last attempt returns or raises
