"""The competition service: load the log, decide, append, fold. The one way state changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pursuit.core.commands import Command, RecordSplit
from pursuit.core.decide import decide
from pursuit.core.decide_timing import propose_catch
from pursuit.core.engine import compute
from pursuit.core.events import Event, from_wire, to_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.errors import PursuitError
from pursuit.store.base import EventStore
from pursuit.store.events import NewEvent, StoredEvent


class UnknownCompetition(PursuitError):
    """No competition with that id in the store."""


@dataclass(frozen=True)
class CatchProposal:
    """The splits show a catch; an operator confirms it with a RecordCatch."""

    round: str
    heat: int
    catcher: str
    caught: str
    half_lap: int


@dataclass(frozen=True)
class Executed:
    stored: list[StoredEvent]
    state: CompetitionState
    proposal: CatchProposal | None = None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class CompetitionService:
    """Runs commands against competitions kept in an event store."""

    def __init__(
        self,
        store: EventStore,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] | None = None,
    ) -> None:
        import uuid

        self.store = store
        self.clock = clock
        self.new_id = new_id or (lambda: uuid.uuid4().hex)
        self._states: dict[str, CompetitionState] = {}
        self._commands: dict[str, dict[str, list[StoredEvent]]] = {}

    def competitions(self) -> list[str]:
        """Competition ids; ids starting with '_' are reserved (the operators' log)."""
        return [c for c in self.store.competitions() if not c.startswith("_")]

    def state(self, competition: str, as_of: int | None = None) -> CompetitionState:
        """The state now (kept and caught up incrementally) or as of position `as_of`."""
        if as_of is not None:
            state = CompetitionState()
            for stored in self.store.read(competition, 0, as_of):
                evolve(state, event_of(stored))
            return state
        state = self._states.setdefault(competition, CompetitionState())
        seen = self._commands.setdefault(competition, {})
        for stored in self.store.read(competition, state.position):
            evolve(state, event_of(stored))
            seen.setdefault(stored.command_id, []).append(stored)
        return state

    def existing(self, competition: str, as_of: int | None = None) -> CompetitionState:
        state = self.state(competition, as_of)
        if not state.created:
            known = ", ".join(self.competitions()) or "none"
            raise UnknownCompetition(f"no competition {competition!r} (known: {known})")
        return state

    def results(self, competition: str, as_of: int | None = None) -> Results:
        return compute(self.existing(competition, as_of).competition())

    def execute(
        self, competition: str, command: Command, actor: str, command_id: str | None = None
    ) -> Executed:
        """Decide and append. Raises RuleViolation (nothing written) or ConcurrencyConflict
        (someone else wrote first: nothing written, reload and decide again)."""
        state = self.state(competition)
        if command_id is not None and command_id in self._commands.get(competition, {}):
            return Executed(self._commands[competition][command_id], state)  # a retry
        events = decide(state, command)
        cid = command_id or self.new_id()
        now = self.clock()
        new = [NewEvent(*to_wire(e), command_id=cid, actor=actor, recorded_at=now) for e in events]
        stored = self.store.append(competition, state.position, new)
        state = self.state(competition)
        proposal = None
        if isinstance(command, RecordSplit):
            found = propose_catch(state, command.round, command.heat)
            if found is not None:
                proposal = CatchProposal(command.round, command.heat, *found)
        return Executed(stored, state, proposal)

    def execute_all(
        self,
        competition: str,
        commands: Sequence[Command],
        actor: str,
        command_id: str | None = None,
    ) -> Executed:
        """Decide every command in turn and append all their events in one atomic write:
        all or nothing (an import, a list of entries)."""
        head = self.state(competition).position
        scratch = self.state(competition, as_of=head)
        events: list[Event] = []
        for command in commands:
            decided = decide(scratch, command)
            for event in decided:
                evolve(scratch, event)
            events += decided
        cid = command_id or self.new_id()
        now = self.clock()
        new = [NewEvent(*to_wire(e), command_id=cid, actor=actor, recorded_at=now) for e in events]
        stored = self.store.append(competition, head, new)
        return Executed(stored, self.state(competition))

    def history(self, competition: str) -> Iterator[StoredEvent]:
        return self.store.read(competition)


def event_of(stored: StoredEvent) -> Event:
    return from_wire(stored.type, stored.version, stored.data)
