"""Password hashing with argon2id, at the edge of the operators' domain: the commands and events
carry the hash; plain passwords are never stored or logged."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 8


@dataclass(frozen=True)
class PasswordCost:
    """argon2 parameters; the defaults are argon2-cffi's (RFC 9106 low-memory profile)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


class Passwords:
    def __init__(self, cost: PasswordCost) -> None:
        self._hasher = PasswordHasher(
            time_cost=cost.time_cost, memory_cost=cost.memory_kib, parallelism=cost.parallelism
        )
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, hashed: str | None, password: str) -> bool:
        """True if `password` matches; with no hash, spends the same time and says False
        (so a login for an unknown name takes as long as one with a wrong password)."""
        if hashed is None:
            if self._dummy is None:
                self._dummy = self._hasher.hash("not a password of anyone")
            hashed, password = self._dummy, password + "\0"
        try:
            return self._hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
