"""The operators as folded from their event log: who they are, their roles, their tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.operators.roles import Role


@dataclass(frozen=True)
class User:
    """An operator's account. `credentials` is the log position of the last password change:
    a session begun under an older one is void."""

    name: str
    role: Role
    password_hash: str = field(repr=False)
    credentials: int


@dataclass
class OperatorsState:
    """Owned by its fold: `evolve` changes it in place. Hand a `copy()` to anyone who keeps it."""

    position: int = 0
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict, repr=False)  # token SHA-256 -> name

    def copy(self) -> OperatorsState:
        return OperatorsState(self.position, dict(self.users), dict(self.tokens))

    def user_of_token(self, token_sha256: str) -> User | None:
        name = self.tokens.get(token_sha256)
        return self.users.get(name) if name is not None else None
