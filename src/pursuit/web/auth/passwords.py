"""Password hashing with argon2id; plain passwords are never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from pursuit.web.settings import PasswordCost

MIN_LENGTH = 8


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
