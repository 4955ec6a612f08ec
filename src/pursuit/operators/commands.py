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
    """A new password: the operator's sessions begun before it end."""

    name: str
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class IssueToken(OperatorCommand):
    name: str
    token_sha256: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class RevokeToken(OperatorCommand):
    token_sha256: str = field(repr=False)
