"""Operators kept as events in the store, under the reserved competition id `_users`.

UserCreated, RoleChanged, PasswordChanged, TokenIssued and TokenRevoked are appended to the same
append-only log as the competitions, so every store (memory, SQLite, PostgreSQL) holds users with
no schema of its own, who granted what stays on record, concurrent changes are settled by the
same head check, and other processes on a shared database see new users at once. Passwords are
argon2 hashes; API tokens are random and only their SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pursuit.errors import PursuitError
from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent
from pursuit.web.auth.passwords import MIN_LENGTH, Passwords
from pursuit.web.auth.roles import Role, parse_role

STREAM = "_users"
TOKEN_PREFIX = "pst_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class UserError(PursuitError):
    """A user change the directory refuses: a bad name or password, an unknown user."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    password_hash: str
    credentials: int  # position of the last password change: older sessions are void


@dataclass
class Directory:
    position: int = 0
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # sha256 of the token -> user name

    def apply(self, position: int, kind: str, data: dict[str, Any]) -> None:
        self.position = position
        name = data.get("name", "")
        if kind == "UserCreated":
            self.users[name] = User(name, Role(data["role"]), data["password_hash"], position)
        elif kind == "RoleChanged" and name in self.users:
            self.users[name] = replace(self.users[name], role=Role(data["role"]))
        elif kind == "PasswordChanged" and name in self.users:
            self.users[name] = replace(
                self.users[name], password_hash=data["password_hash"], credentials=position
            )
        elif kind == "TokenIssued":
            self.tokens[data["token_sha256"]] = name
        elif kind == "TokenRevoked":
            self.tokens.pop(data["token_sha256"], None)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Users:
    def __init__(self, store: EventStore, passwords: Passwords, clock: Callable[[], str]) -> None:
        self._store = store
        self._passwords = passwords
        self._clock = clock
        self._lock = threading.Lock()
        self._directory = Directory()

    def directory(self) -> Directory:
        """The users as of the store's head (re-read only when the head moved)."""
        with self._lock:
            old = self._directory
            if self._store.head(STREAM) != old.position:
                fresh = Directory(old.position, dict(old.users), dict(old.tokens))
                for e in self._store.read(STREAM, old.position):
                    fresh.apply(e.position, e.type, e.data)
                self._directory = fresh  # readers keep the copy they were given
            return self._directory

    def get(self, name: str) -> User | None:
        return self.directory().users.get(name)

    def all(self) -> list[User]:
        return sorted(self.directory().users.values(), key=lambda u: u.name)

    def authenticate(self, name: str, password: str) -> User | None:
        user = self.get(name)
        ok = self._passwords.verify(user.password_hash if user else None, password)
        return user if ok else None

    def by_token(self, token: str) -> User | None:
        directory = self.directory()
        name = directory.tokens.get(token_digest(token))
        return directory.users.get(name) if name else None

    def add(self, name: str, role: str, password: str, actor: str) -> User:
        if not _NAME.match(name):
            raise UserError(
                f"a user name is 1–40 letters, digits, dots, dashes or underscores, not {name!r}"
            )
        wanted = parse_role(role)
        hashed = self._hash(password)

        def check(d: Directory) -> None:
            if name in d.users:
                raise UserError(f"user {name!r} already exists")

        self._append(
            check,
            "UserCreated",
            {"name": name, "role": wanted.value, "password_hash": hashed},
            actor,
        )
        user = self.get(name)
        assert user is not None
        return user

    def set_role(self, name: str, role: str, actor: str) -> None:
        wanted = parse_role(role)
        self._append(self._known(name), "RoleChanged", {"name": name, "role": wanted.value}, actor)

    def set_password(self, name: str, password: str, actor: str) -> None:
        hashed = self._hash(password)
        self._append(
            self._known(name), "PasswordChanged", {"name": name, "password_hash": hashed}, actor
        )

    def issue_token(self, name: str, actor: str) -> str:
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        data = {"name": name, "token_sha256": token_digest(token)}
        self._append(self._known(name), "TokenIssued", data, actor)
        return token

    def revoke_token(self, token: str, actor: str) -> None:
        self._append(lambda d: None, "TokenRevoked", {"token_sha256": token_digest(token)}, actor)

    def _hash(self, password: str) -> str:
        if len(password) < MIN_LENGTH:
            raise UserError(f"a password needs at least {MIN_LENGTH} characters")
        return self._passwords.hash(password)

    @staticmethod
    def _known(name: str) -> Callable[[Directory], None]:
        def check(d: Directory) -> None:
            if name not in d.users:
                raise UserError(f"no user {name!r}")

        return check

    def _append(
        self, check: Callable[[Directory], None], kind: str, data: dict[str, Any], actor: str
    ) -> None:
        """Check against the newest directory and append; on a lost race, check again."""
        for attempt in range(3):
            directory = self.directory()
            check(directory)
            event = NewEvent(kind, 1, data, uuid.uuid4().hex, actor, self._clock())
            try:
                self._store.append(STREAM, directory.position, [event])
                return
            except ConcurrencyConflict:
                if attempt == 2:
                    raise
