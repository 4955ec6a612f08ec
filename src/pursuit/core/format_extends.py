"""A format that extends another: the base's definition with some keys and rounds changed.

A format file with `extends = "olympic-1968"` takes the base format's table and changes
only what it writes: a top-level key replaces the base's (`classification`, `pools`,
`unranked` and `incidents` as a whole); a `[[rounds]]` table names a round of the base by
its `id` and replaces only the keys it gives. It cannot add rounds. The base's `title` and
`description` describe the base, so they are not taken over: an extending format that
writes none says what it changed. Pure data in, data out; finding the base is the loader's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pursuit.errors import FormatDefinitionError, LineIndex, Place

NOT_INHERITED = ("title", "description")


class ExtendedLines:
    """Lines of a merged format's values, looked up in the extending file where it wrote them."""

    def __init__(self, lines: LineIndex, round_at: Mapping[int, int], own: frozenset[str]) -> None:
        self._lines = lines
        self._round_at = round_at  # merged round index -> index in the extending file
        self._own = own  # top-level keys the extending file wrote

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        if len(path) >= 2 and path[0] == "rounds" and isinstance(path[1], int):
            at = self._round_at.get(path[1])
            if at is None:
                return None
            own = ("rounds", at, *path[2:])
            return self._lines.line_of(own) or self._lines.line_of(("rounds", at))
        if path and path[0] in self._own:
            return self._lines.line_of(path)
        return None


def _fail(
    source: str, lines: LineIndex | None, path: tuple[str | int, ...], message: str
) -> FormatDefinitionError:
    where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
    if lines is None:
        return FormatDefinitionError(f"{source}: {where}: {message}")
    return FormatDefinitionError(f"{where}: {message}", Place.in_document(source, lines, path))


def extended(
    base: Mapping[str, Any],
    own: Mapping[str, Any],
    source: str,
    lines: LineIndex | None = None,
) -> tuple[dict[str, Any], ExtendedLines | None]:
    """The base's table changed by `own` (an extending file's table, read from `source`),
    and where the merged values stand in that file. Raises FormatDefinitionError naming
    the key when `own` changes a round the base does not have."""
    base_name = str(own.get("extends"))
    merged = {k: v for k, v in base.items() if k not in NOT_INHERITED}
    merged.update({k: v for k, v in own.items() if k not in ("extends", "rounds")})
    rounds = [dict(r) for r in base.get("rounds", [])]
    ids = [r.get("id") for r in rounds]
    changes = own.get("rounds", [])
    if not isinstance(changes, list):
        raise _fail(source, lines, ("rounds",), "must be a list of [[rounds]] tables")
    round_at: dict[int, int] = {}
    for j, change in enumerate(changes):
        round_id = change.get("id") if isinstance(change, dict) else None
        if not isinstance(round_id, str) or not round_id:
            raise _fail(
                source,
                lines,
                ("rounds", j),
                f"must be a table whose id names a round of {base_name}",
            )
        if round_id not in ids:
            known = ", ".join(str(i) for i in ids)
            raise _fail(
                source,
                lines,
                ("rounds", j, "id"),
                f"{round_id!r} is not a round of {base_name} (rounds: {known}); "
                "an extending format changes rounds, it cannot add them",
            )
        i = ids.index(round_id)
        if i in round_at:
            raise _fail(source, lines, ("rounds", j, "id"), f"round {round_id!r} changed twice")
        rounds[i].update(change)
        round_at[i] = j
    merged["rounds"] = rounds
    if "description" not in own:
        changed = ", ".join(str(ids[i]) for i in sorted(round_at)) or "none"
        merged["description"] = f"The {base_name} format, with these rounds changed: {changed}."
    index = None if lines is None else ExtendedLines(lines, round_at, frozenset(own))
    return merged, index
