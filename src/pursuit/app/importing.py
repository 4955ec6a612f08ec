"""Move a competition between a competition file and an event log."""

from __future__ import annotations

from pathlib import Path

from pursuit.core import commands as c
from pursuit.core.competition import Competition, Ride
from pursuit.core.decisions import Decision
from pursuit.core.entrants import Team
from pursuit.core.notes import EntrantNotes
from pursuit.core.split_points import distance_text, distances_of
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
        half_lap_m = comp.meta.half_lap_m if comp.meta.track_length_m is not None else 0.0
        # (on an unknown track no ride has splits at distances: the reader dropped them)
        out.extend(_import_ride(spec.id, r, half_lap_m) for r in comp.rides_of(spec.id))
        out.extend(c.PublishOrder(spec.id, chain) for chain in comp.orders.get(spec.id, ()))
    if comp.published_classification:
        out.append(
            c.PublishClassification(
                tuple((p.rank, p.entrant) for p in comp.published_classification),
                comp.notes.published_source,
            )
        )
    out.extend(_record_decision(d) for d in comp.decisions)
    return out


def _record_decision(d: Decision) -> c.RecordDecision:
    """A decision of the file, recorded in the log after the rides it rules on."""
    return c.RecordDecision(
        d.effect, d.authority, d.reason, d.round, d.entrant, d.date, d.place, d.reference, d.basis
    )


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


def _import_ride(round_id: str, ride: Ride, half_lap_m: float) -> c.ImportRide:
    time = ride.outcome.time
    points = [] if ride.splits.dense else distances_of(ride.splits, half_lap_m)
    return c.ImportRide(
        round=round_id,
        entrant=ride.entrant,
        status=ride.outcome.status.value,
        time=time,
        heat=ride.heat,
        side=ride.side.value if ride.side else None,
        splits=tuple(t for _, t in points) if points else tuple(ride.splits),
        record=ride.record,
        published_rank=ride.published_rank,
        basis=ride.basis,
        lineup=ride.lineup,
        dropped=ride.dropped,
        split_at=tuple(distance_text(d) for d, _ in points),
        note=ride.note,
    )
