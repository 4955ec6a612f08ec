"""One error tree for everything the project refuses, carrying where and what."""

from __future__ import annotations

from typing import Protocol


class LineIndex(Protocol):
    """Finds the line a value of a document starts on, from its path (keys and indexes)."""

    def line_of(self, path: tuple[str | int, ...]) -> int | None: ...


class Place:
    """Where something is: a file and line, and optionally a field or a rider.

    A loader may give the path of a value in its document and an index to look it up in
    instead of the line (`Place.in_document`): the line is found when it is asked for,
    so a file that loads with nothing to report never has its lines counted. Immutable;
    equal when file, line and field are.
    """

    __slots__ = ("_index", "_line", "_path", "field", "file")

    file: str | None
    field: str | None
    _line: int | None
    _index: LineIndex | None  # where to look the line up, when it is not known yet
    _path: tuple[str | int, ...]

    def __init__(
        self, file: str | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        set_slot = object.__setattr__
        set_slot(self, "file", file)
        set_slot(self, "_line", line)
        set_slot(self, "field", field)
        set_slot(self, "_index", None)
        set_slot(self, "_path", ())

    @classmethod
    def in_document(
        cls,
        file: str | None,
        index: LineIndex,
        path: tuple[str | int, ...],
        field: str | None = None,
    ) -> Place:
        """The place of the value at `path`, its line looked up in `index` when needed."""
        place = cls(file, None, field)
        object.__setattr__(place, "_index", index)
        object.__setattr__(place, "_path", path)
        return place

    @property
    def line(self) -> int | None:
        if self._index is not None:
            return self._index.line_of(self._path)
        return self._line

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a place cannot be changed (tried to set {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a place cannot be changed (tried to delete {name})")

    def _key(self) -> tuple[str | None, int | None, str | None]:
        return (self.file, self.line, self.field)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Place):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Place(file={self.file!r}, line={self.line!r}, field={self.field!r})"

    def __reduce__(self) -> tuple[type[Place], tuple[str | None, int | None, str | None]]:
        return (Place, self._key())  # copies and pickles carry the line, not the index

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
    """Base of every error the project raises on purpose.

    `message` is the text people read; `place` is where in a file, when there is one. The
    keyword-only fields say what the error is about, so a shell can point at it (mark a form
    input, fill a JSON field) without reading the text back; each is None when unknown or
    not relevant, and none of them changes `str(error)`:

    - `entrant`: the rider's or team's name
    - `round`: the round id, e.g. "QF"
    - `heat`: the heat number within that round, from 1
    - `half_lap`: the half lap (split) number, from 1, as commands count them
    - `field`: the input at fault in the command or form that was refused, e.g. "time"
    """

    def __init__(
        self,
        message: str,
        place: Place | None = None,
        *,
        entrant: str | None = None,
        round: str | None = None,
        heat: int | None = None,
        half_lap: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.place = place
        self.entrant = entrant
        self.round = round
        self.heat = heat
        self.half_lap = half_lap
        self.field = field

    def about(self) -> dict[str, str | int]:
        """The fields that are set, by name, e.g. {"round": "QF", "heat": 2}."""
        facts: dict[str, str | int | None] = {
            "entrant": self.entrant,
            "round": self.round,
            "heat": self.heat,
            "half_lap": self.half_lap,
            "field": self.field,
        }
        return {name: value for name, value in facts.items() if value is not None}

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
