"""Creating a competition from a shipped format (admins only; the web reads no user files)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pursuit.app.creation import create_command
from pursuit.app.service import Handled
from pursuit.core.competition import DISTANCES_M, TRACKS_M, is_iso_date
from pursuit.errors import RuleViolation
from pursuit.loading.format_files import format_definition, preset_names
from pursuit.web.errors import BadInput, validation_problem
from pursuit.web.hub import Hub

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


class NewCompetition(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: str = Field(
        description="Short id used in URLs: lowercase letters, digits and hyphens.",
        json_schema_extra={"pattern": f"^{ID_PATTERN.pattern}$"},
    )
    title: str = Field(min_length=1)
    format: str = Field(description="A shipped format, e.g. uci-individual-pursuit.")
    event: str | None = Field(
        None, description="Default: team pursuit for a team format, else individual pursuit."
    )
    gender: str | None = None
    distance_m: int = Field(4000, ge=DISTANCES_M.start, le=DISTANCES_M.stop - 1)
    track_length_m: float = Field(250.0, ge=TRACKS_M[0], le=TRACKS_M[1])
    venue: str | None = None
    dates: list[str] = Field(default_factory=list, description="Days as YYYY-MM-DD.")
    olympic: bool = Field(
        False, description="The Olympic Games: Olympic records apply as well as world records."
    )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.fullmatch(value):
            raise ValueError(
                "an id is 1–63 lowercase letters, digits and hyphens, starting with a letter or "
                f"digit, e.g. club-2026; got {value!r}"
            )
        return value

    @field_validator("dates")
    @classmethod
    def _days(cls, value: list[str]) -> list[str]:
        for day in value:
            if not is_iso_date(day):
                raise ValueError(f"dates are days written YYYY-MM-DD, e.g. 1968-10-17; got {day!r}")
        return value

    @field_validator("format")
    @classmethod
    def _shipped(cls, value: str) -> str:
        if value not in preset_names():
            raise ValueError(f"unknown format {value!r}; choose one of {', '.join(preset_names())}")
        return value

    @classmethod
    def from_form(cls, form: dict[str, str]) -> NewCompetition:
        values: dict[str, Any] = {k: v for k, v in form.items() if v.strip()}
        if "dates" in values:
            values["dates"] = [d.strip() for d in values["dates"].split(",") if d.strip()]
        try:
            return cls.model_validate(values)
        except ValidationError as e:
            problem = validation_problem(e.errors())
            raise BadInput(problem.message, problem.field) from None


def create_competition(hub: Hub, wanted: NewCompetition, actor: str) -> Handled:
    if hub.head(wanted.id):
        raise RuleViolation(f"a competition {wanted.id!r} already exists")
    command = create_command(
        wanted.format,
        format_definition(wanted.format),
        wanted.title,
        event=wanted.event or None,
        gender=wanted.gender or None,
        distance_m=wanted.distance_m,
        track_length_m=wanted.track_length_m,
        venue=wanted.venue or None,
        dates=tuple(wanted.dates),
        records=("WR", "OR") if wanted.olympic else ("WR",),
    )
    return hub.handle(wanted.id, command, actor)
