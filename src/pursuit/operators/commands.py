"""Commands about operators, in the imperative. `decide` checks them.

A command carries what the edge has already computed: a password's argon2 hash, a token's
SHA-256 digest, a parsed `Role`. Plain passwords and tokens never reach a command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.operators.roles import Role


@dataclass(frozen=True, slots=True)
class OperatorCommand:
    pass


@dataclass(frozen=True, slots=True)
class AddOperator(OperatorCommand):
    name: str
    role: Role
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ChangeRole(OperatorCommand):
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class ChangePassword(OperatorCommand):
    """A new password: the operator's sessions end and their tokens are revoked."""

    name: str
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class IssueToken(OperatorCommand):
    name: str
    token_sha256: str = field(repr=False)
    expires_at: str  # ISO 8601


@dataclass(frozen=True, slots=True)
class RevokeToken(OperatorCommand):
    """Revoke one token; with `name`, only if it is that operator's."""

    token_sha256: str = field(repr=False)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class RevokeTokens(OperatorCommand):
    """Revoke every token of an operator (none is not a fault)."""

    name: str


@dataclass(frozen=True, slots=True)
class DisableUser(OperatorCommand):
    """The operator may no longer log in; their sessions end and their tokens are revoked."""

    name: str


@dataclass(frozen=True, slots=True)
class EnableUser(OperatorCommand):
    name: str


@dataclass(frozen=True, slots=True)
class StartSession(OperatorCommand):
    name: str
    session_sha256: str = field(repr=False)
    started_at: str
    expires_at: str


@dataclass(frozen=True, slots=True)
class EndSession(OperatorCommand):
    """End a console session (logging out); one already ended is not a fault."""

    session_sha256: str = field(repr=False)
