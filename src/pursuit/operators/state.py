"""The operators as folded from their event log: who they are, their roles, whether they are
disabled, their API tokens and their console sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from pursuit.operators.roles import Role

TOKEN_DAYS = 30  # how long an API token lasts unless asked otherwise
MAX_TOKEN_DAYS = 3660


@dataclass(frozen=True)
class User:
    """An operator's account. `credentials` is the log position of the last password change:
    a session begun under an older one is void. A disabled user may not log in."""

    name: str
    role: Role
    password_hash: str = field(repr=False)
    credentials: int
    disabled: bool = False


@dataclass(frozen=True)
class Grant:
    """An API token or a console session of `name`, valid until `expires_at` (an ISO 8601
    instant); a token issued before tokens expired (a version 1 `TokenIssued`) has none."""

    name: str
    expires_at: str | None

    def expired(self, now: datetime) -> bool:
        """Whether it is over at `now`; an expiry that does not read counts as over."""
        if self.expires_at is None:
            return False
        try:
            return instant(self.expires_at) <= now
        except ValueError:
            return True


def instant(text: str) -> datetime:
    """An ISO 8601 time as an aware datetime (one without a zone is UTC); ValueError if it is
    not one."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass
class OperatorsState:
    """Owned by its fold: `evolve` changes it in place. Hand a `copy()` to anyone who keeps it."""

    position: int = 0
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, Grant] = field(default_factory=dict, repr=False)  # token SHA-256 -> grant
    sessions: dict[str, Grant] = field(default_factory=dict, repr=False)  # session SHA-256

    def copy(self) -> OperatorsState:
        return OperatorsState(
            self.position, dict(self.users), dict(self.tokens), dict(self.sessions)
        )

    def tokens_of(self, name: str) -> list[str]:
        """The digests of `name`'s tokens not yet revoked, in the order they were issued."""
        return [digest for digest, grant in self.tokens.items() if grant.name == name]

    def sessions_of(self, name: str) -> list[str]:
        """The digests of `name`'s console sessions not yet ended, oldest first."""
        return [digest for digest, grant in self.sessions.items() if grant.name == name]
