"""One error tree for everything the project refuses, carrying where and what."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where something is: a file and line, and optionally a field or a rider."""

    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)


class PursuitError(Exception):
    """Base of every error the project raises on purpose."""

    def __init__(self, message: str, place: Place | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.place = place

    def __str__(self) -> str:
        if self.place is not None and str(self.place):
            return f"{self.place}: {self.message}"
        return self.message


class TimeFormatError(PursuitError, ValueError):
    """A race time that does not parse."""


class FormatDefinitionError(PursuitError):
    """A format definition that cannot be used."""


class CompetitionFileError(PursuitError):
    """A competition file that cannot be used."""


class RuleViolation(PursuitError):
    """A command or fact that contradicts the rules."""
