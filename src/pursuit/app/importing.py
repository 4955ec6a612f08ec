"""Move a competition between a competition file and an event log."""

from __future__ import annotations

from pathlib import Path

from pursuit.core import commands as c
from pursuit.core.competition import Competition, Ride
from pursuit.core.entrants import Team
from pursuit.core.notes import EntrantNotes
from pursuit.errors import CompetitionFileError
from pursuit.loading.competition_file import load_competition


def commands_from_file(path: Path) -> list[c.Command]:
    """The commands that rebuild the competition in `path` as an event log.

    A file whose facts cannot all be read is refused, naming each problem: importing
    must not silently drop a ride.
    """
    loaded = load_competition(path)
    if loaded.findings:
        problems = "\n".join(f"  {f}" for f in loaded.findings)
        raise CompetitionFileError(
            f"{path} has facts that cannot be read; fix them first (pursuit check):\n{problems}"
        )
    assert loaded.format is not None  # a file that loads has its format
    fmt = loaded.format
    return commands_from_competition(loaded.competition, fmt.name, fmt.definition)


def commands_from_competition(
    comp: Competition, format_name: str, definition: dict[str, object]
) -> list[c.Command]:
    out = setup_commands(comp, format_name, definition)
    for spec in comp.format.rounds:
        out.extend(_import_ride(spec.id, ride) for ride in comp.rides_of(spec.id))
    if comp.published_classification:
        out.append(
            c.PublishClassification(
                tuple((p.rank, p.entrant) for p in comp.published_classification),
                comp.notes.published_source,
            )
        )
    return out


def setup_commands(
    comp: Competition, format_name: str, definition: dict[str, object]
) -> list[c.Command]:
    """Create the competition, register its entrants and schedule its rounds: how every log
    begins."""
    out: list[c.Command] = [c.CreateCompetition(format_name, dict(definition), comp.meta)]
    for e in comp.entrants:
        roster = tuple(r.name for r in e.roster) if isinstance(e, Team) else None
        family = None if isinstance(e, Team) else e.family_name
        said = comp.notes.entrants.get(e.name, EntrantNotes())
        out.append(
            c.RegisterEntrant(
                e.name, e.nation, family, e.bib, None, roster, said.note, said.aka, said.basis
            )
        )
    for spec in comp.format.rounds:
        slot = comp.schedule.get(spec.id)
        if slot is not None:
            out.append(c.ScheduleRound(spec.id, slot.date, slot.time))
        if spec.id in comp.notes.rounds:
            out.append(c.NoteRound(spec.id, comp.notes.rounds[spec.id]))
    return out


def _import_ride(round_id: str, ride: Ride) -> c.ImportRide:
    time = ride.outcome.time
    return c.ImportRide(
        round=round_id,
        entrant=ride.entrant,
        status=ride.outcome.status.value,
        time=time,
        heat=ride.heat,
        side=ride.side.value if ride.side else None,
        splits=tuple(ride.splits),
        record=ride.record,
        published_rank=ride.published_rank,
        basis=ride.basis,
        lineup=ride.lineup,
        dropped=ride.dropped,
        note=ride.note,
    )
