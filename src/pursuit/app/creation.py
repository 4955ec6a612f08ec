"""A new competition's command: its format and its metadata, the precision resolved once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pursuit.core import commands as c
from pursuit.core.competition import Metadata
from pursuit.core.format_reader import format_from_mapping
from pursuit.errors import FormatDefinitionError, RuleViolation


def create_command(
    format_name: str,
    definition: Mapping[str, Any],
    title: str,
    *,
    event: str | None = None,
    gender: str | None = None,
    distance_m: int = 4000,
    track_length_m: float = 250.0,
    venue: str | None = None,
    altitude_m: int | None = None,
    dates: tuple[str, ...] = (),
    precision: int | None = None,
) -> c.CreateCompetition:
    """`CreateCompetition` for a format file's table; without `precision`, the format's;
    without `event`, "team pursuit" for a team format, else "individual pursuit"."""
    if precision is None or event is None:
        try:
            fmt = format_from_mapping(dict(definition), format_name)
        except FormatDefinitionError as e:
            raise RuleViolation(str(e)) from e
        precision = fmt.precision if precision is None else precision
        if event is None:
            event = "team pursuit" if fmt.event == "team" else "individual pursuit"
    meta = Metadata(
        title=title,
        event=event,
        gender=gender,
        distance_m=distance_m,
        track_length_m=track_length_m,
        venue=venue,
        altitude_m=altitude_m,
        dates=tuple(dates),
        precision=precision,
    )
    return c.CreateCompetition(format_name, dict(definition), meta)
