"""Places of named values in a loaded file, made when one is asked for."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pursuit.errors import LineIndex, Place

Path = tuple[str | int, ...]


class PlacesByName(Mapping[str, Place]):
    """name -> `Place` of the value at a path in a document, made on lookup.

    A competition keeps where each entrant was entered; a place is rarely asked for,
    so it keeps the paths (plain tuples the garbage collector soon stops tracking)
    rather than a `Place` object per entrant.
    """

    def __init__(self, file: str | None, index: LineIndex, paths: Mapping[str, Path]) -> None:
        self._file = file
        self._index = index
        self._paths = paths

    def __getitem__(self, name: str) -> Place:
        return Place.in_document(self._file, self._index, self._paths[name])

    def __contains__(self, name: object) -> bool:  # without making the place (or an error)
        return name in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
