"""A new competition's command: its format and its metadata, the precision resolved once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from pursuit.core import commands as c
from pursuit.core.competition import Metadata
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.records import standing_for
from pursuit.core.standing import DEFAULT_KINDS
from pursuit.errors import FormatDefinitionError, RuleViolation
from pursuit.loading.records import record_book


def create_command(
    format_name: str,
    definition: Mapping[str, Any],
    title: str,
    *,
    event: str | None = None,
    gender: str | None = None,
    distance_m: int = 4000,
    track_length_m: float | None = 250.0,  # None: not known
    venue: str | None = None,
    altitude_m: int | None = None,
    dates: tuple[str, ...] = (),
    precision: int | None = None,
    records: tuple[str, ...] = DEFAULT_KINDS,
    today: str | None = None,
) -> c.CreateCompetition:
    """`CreateCompetition` for a format file's table; without `precision`, the format's;
    without `event`, "team pursuit" for a team format, else "individual pursuit".

    The records of the kinds in `records` standing on its first day (without dates: `today`,
    else the day it is created) are copied into its metadata, so the log stands alone."""
    try:
        fmt = format_from_mapping(dict(definition), format_name)
    except FormatDefinitionError as e:
        raise RuleViolation(str(e)) from e
    if precision is None:
        precision = fmt.precision
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
        records=records,
    )
    day = today or datetime.now(UTC).date().isoformat()
    meta = replace(meta, standing_records=standing_for(record_book(), meta, day))
    return c.CreateCompetition(format_name, dict(definition), meta)
