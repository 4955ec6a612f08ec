"""`Operators`: the operators' log in the event store, read and written through the domain.

Operators are appended as events to the same append-only log as the competitions, under the
reserved competition id `_users` (`STREAM`), so every store (memory, SQLite, PostgreSQL) holds
them with no schema of its own, who granted what stays on record, concurrent changes are settled
by the same head check, and other processes on a shared database see new operators at once.

This adapter does what the pure domain must not: it hashes passwords (argon2), draws API tokens
(only their SHA-256 is kept), stamps the time and retries a write that lost a race.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import uuid
from collections.abc import Callable

from pursuit.app.ids import RESERVED_PREFIX
from pursuit.operators import commands as c
from pursuit.operators.decide import OperatorError, check_name, decide
from pursuit.operators.events import from_wire, to_wire
from pursuit.operators.evolve import evolve
from pursuit.operators.passwords import MIN_LENGTH, Passwords
from pursuit.operators.roles import parse_role
from pursuit.operators.state import OperatorsState, User
from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent

STREAM = RESERVED_PREFIX + "users"  # "_users": never a competition
TOKEN_PREFIX = "pst_"
_ATTEMPTS = 3


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
        user = self.get(name)
        ok = self._passwords.verify(user.password_hash if user else None, password)
        return user if ok else None

    def by_token(self, token: str) -> User | None:
        return self.state().user_of_token(token_digest(token))

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

    def issue_token(self, name: str, actor: str) -> str:
        """A new API token for `name`, returned once: only its SHA-256 is stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self._execute(c.IssueToken(name, token_digest(token)), actor)
        return token

    def revoke_token(self, token: str, actor: str) -> None:
        self._execute(c.RevokeToken(token_digest(token)), actor)

    def _hash(self, password: str) -> str:
        if len(password) < MIN_LENGTH:
            raise OperatorError(f"a password needs at least {MIN_LENGTH} characters")
        return self._passwords.hash(password)

    def _execute(self, command: c.OperatorCommand, actor: str) -> None:
        """Decide against the newest state and append; on a lost race, decide again."""
        command_id = uuid.uuid4().hex
        for attempt in range(_ATTEMPTS):
            state = self.state()
            new = [
                NewEvent(*to_wire(event), command_id, actor, self._clock())
                for event in decide(state, command)
            ]
            try:
                self._store.append(STREAM, state.position, new)
                return
            except ConcurrencyConflict:
                if attempt == _ATTEMPTS - 1:
                    raise
