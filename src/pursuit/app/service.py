"""The competition service: the one way state changes, for the CLI, the console, the API, the
timer and imports alike.

`handle` takes a command (or a function that builds one from the state, or a list of commands
applied all or nothing), decides it against the state, appends the events at the head it
decided on and folds exactly what it decided into the state it keeps — the log is not read
back. It answers with the events, the heats they touched and, after a split, the catch the
splits now show.

If someone wrote first, nothing is written and the command is decided again on the newest
state: appended if it decides the same events, refused if the rules now refuse it, and the
conflict reported only if it would now record something else.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pursuit.app.idempotency import digest, key_of, refused, stored_id
from pursuit.app.ids import is_reserved
from pursuit.app.recorded_by import setter, with_who
from pursuit.app.touched import heats_touched
from pursuit.core.commands import Command, CreateCompetition, RecordSplit
from pursuit.core.decide import decide
from pursuit.core.decide_timing import HalfLapTaken, propose_catch
from pursuit.core.engine import compute
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.core.events import Event
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.errors import PursuitError
from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent, StoredEvent

Request = Command | Callable[[CompetitionState], Command] | Sequence[Command]

ATTEMPTS = 4
"""How often `handle` decides a command in all when other writers keep writing first."""
RETRY_PAUSE_S = 0.003
"""Up to this long times the attempt number, at random, between two attempts."""


class UnreadableLog(PursuitError):
    """A competition's log holds an event this version cannot read or apply."""


# What a malformed stored event can make decoding or folding raise.
_BROKEN = (PursuitError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def _fold(state: CompetitionState, stored: StoredEvent) -> None:
    try:
        evolve(state, event_of(stored))
    except _BROKEN as e:
        raise UnreadableLog(
            f"the log of {stored.competition!r} cannot be read at event {stored.position} "
            f"({stored.type}): {e}"
        ) from e


class UnknownCompetition(PursuitError):
    """No competition with that id in the store (`competition`, when one was named)."""

    competition: str | None = None

    @classmethod
    def named(cls, competition: str, known: Sequence[str] = ()) -> UnknownCompetition:
        listed = ", ".join(known) or "none"
        error = cls(f"no competition {competition!r} (known: {listed})")
        error.competition = competition
        return error


@dataclass(frozen=True)
class CatchProposal:
    """The splits show a catch; an operator confirms it with a RecordCatch."""

    round: str
    heat: int
    catcher: str
    caught: str
    half_lap: int


@dataclass(frozen=True)
class _Plan:
    """A decided command waiting to be appended at `head` (`after`: the state with a list of
    commands applied, which replaces the kept one once written)."""

    head: int
    commands: list[Command]
    events: list[Event]
    after: CompetitionState | None
    command_id: str | None


@dataclass(frozen=True)
class Handled:
    """What a command did: its events as stored and as values, the state after them, the
    heats they touched ("Q/3") and a catch the splits show, if any."""

    stored: tuple[StoredEvent, ...]
    events: tuple[Event, ...]
    state: CompetitionState
    touched: frozenset[str]
    proposal: CatchProposal | None = None

    @property
    def positions(self) -> list[int]:
        return [e.position for e in self.stored]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class CompetitionService:
    """Runs commands against competitions kept in an event store."""

    def __init__(
        self,
        store: EventStore,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] | None = None,
        attempts: int = ATTEMPTS,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        import uuid

        self.store = store
        self.attempts = max(1, attempts)
        self.pause = pause
        self.clock = clock
        self.new_id = new_id or (lambda: uuid.uuid4().hex)
        self._states: dict[str, CompetitionState] = {}
        # by competition: the events each command id appended, and each caller's key's id
        self._commands: dict[str, dict[str, list[StoredEvent]]] = {}
        self._keys: dict[str, dict[str, str]] = {}

    def competitions(self) -> list[str]:
        """Competition ids; reserved ids (the operators' log) are not competitions."""
        return [c for c in self.store.competitions() if not is_reserved(c)]

    def state(self, competition: str, as_of: int | None = None) -> CompetitionState:
        """The state now (kept and caught up incrementally) or as of position `as_of`."""
        if as_of is not None:
            state = CompetitionState()
            for stored in self.store.read(competition, 0, as_of):
                _fold(state, stored)
            return state
        state = self._states.setdefault(competition, CompetitionState())
        seen = self._commands.setdefault(competition, {})
        keys = self._keys.setdefault(competition, {})
        try:
            for stored in self.store.read(competition, state.position):
                _fold(state, stored)
                seen.setdefault(stored.command_id, []).append(stored)
                keys.setdefault(key_of(stored.command_id)[0], stored.command_id)
        except UnreadableLog:
            for kept in (self._states, self._commands, self._keys):
                kept.pop(competition, None)  # read it all again next time
            raise
        return state

    def existing(self, competition: str, as_of: int | None = None) -> CompetitionState:
        state = self.state(competition, as_of)
        if not state.created:
            raise UnknownCompetition.named(competition, self.competitions())
        return state

    def results(self, competition: str, as_of: int | None = None) -> Results:
        return compute(self.existing(competition, as_of).competition())

    def handle(
        self, competition: str, request: Request, actor: str, command_id: str | None = None
    ) -> Handled:
        """Decide, append, fold. Raises RuleViolation (nothing written) or ConcurrencyConflict
        (nothing written). A `command_id` is the caller's idempotency key: the same request
        again answers with what it did then, another request with the same key is refused
        (`KeyReused`).

        When someone else wrote first, the command is decided again on the newest state: if
        it decides the very same events (a split for another rider), they are appended at the
        new head; if the rules now refuse it, that refusal is raised; if it would now record
        something else, the ConcurrencyConflict is (the caller should look again)."""
        try:
            return self._handle(competition, request, actor, command_id)
        except HalfLapTaken as e:  # name who recorded that half lap, and when
            known = self._commands.get(competition, {}).values()
            raise with_who(e, setter((s for events in known for s in events), e)) from None

    def _handle(
        self, competition: str, request: Request, actor: str, command_id: str | None
    ) -> Handled:
        lost: ConcurrencyConflict | None = None
        first: list[Event] = []
        for attempt in range(1, self.attempts + 1):
            plan = self._plan(competition, request, actor, command_id)
            if isinstance(plan, Handled):
                return plan
            if lost is not None and plan.events != first:
                raise lost  # what was written first changes what this command records
            try:
                return self._commit(competition, plan, actor)
            except ConcurrencyConflict as e:
                if attempt == self.attempts:
                    raise
                lost, first = e, plan.events
                self.pause(random.uniform(0, RETRY_PAUSE_S * attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _plan(
        self, competition: str, request: Request, actor: str, command_id: str | None
    ) -> Handled | _Plan:
        """What the command decides on the state now (or what it did, if done before)."""
        state = self.state(competition)
        if callable(request):
            self.existing(competition)  # a builder needs the competition's state
        commands = _commands(request, state)
        if command_id is not None:
            asked = digest(actor, commands)
            earlier = self._keys[competition].get(command_id)
            if earlier is not None:
                if key_of(earlier)[1] not in (asked, None):
                    raise refused(command_id)
                return self._done_before(competition, self._commands[competition][earlier])
            command_id = stored_id(command_id, asked)
        if commands and not state.created and not isinstance(commands[0], CreateCompetition):
            self.existing(competition)  # names the competitions there are
        head = state.position
        if len(commands) == 1:
            events = decide(state, commands[0])
            after = None
        else:  # all or nothing: each decided on what the ones before did
            after = self.state(competition, as_of=head)
            events = []
            for command in commands:
                decided = decide(after, command)
                for event in decided:
                    evolve(after, event)
                events += decided
        if not events:
            return Handled((), (), state, frozenset())
        return _Plan(head, commands, events, after, command_id)

    def _commit(self, competition: str, plan: _Plan, actor: str) -> Handled:
        """Append what was decided at the head it was decided on, then fold it."""
        head, events = plan.head, plan.events
        cid = plan.command_id or self.new_id()
        now = self.clock()
        new = [NewEvent(*to_wire(e), command_id=cid, actor=actor, recorded_at=now) for e in events]
        stored = self.store.append(competition, head, new)
        if [s.position for s in stored] != list(range(head + 1, head + 1 + len(events))):
            return self._done_before(competition, stored)  # the store knew the command id
        state = self._states[competition]
        if plan.after is None:
            for event in events:
                evolve(state, event)
        else:
            state = self._states[competition] = plan.after
        self._commands[competition][cid] = list(stored)
        self._keys[competition].setdefault(key_of(cid)[0], cid)
        return Handled(
            tuple(stored),
            tuple(events),
            state,
            heats_touched(events),
            _proposal(state, plan.commands),
        )

    def _done_before(self, competition: str, stored: Sequence[StoredEvent]) -> Handled:
        """A retried command: what it did the first time, nothing appended now."""
        events = tuple(event_of(s) for s in stored)
        return Handled(tuple(stored), events, self.state(competition), heats_touched(events))

    def history(self, competition: str) -> Iterator[StoredEvent]:
        return self.store.read(competition)


def _commands(request: Request, state: CompetitionState) -> list[Command]:
    if isinstance(request, Command):
        return [request]
    if callable(request):
        return [request(state)]
    return list(request)


def _proposal(state: CompetitionState, commands: Sequence[Command]) -> CatchProposal | None:
    last = commands[-1] if commands else None
    if not isinstance(last, RecordSplit):
        return None
    found = propose_catch(state, last.round, last.heat)
    return CatchProposal(last.round, last.heat, *found) if found is not None else None


def event_of(stored: StoredEvent) -> Event:
    return from_wire(stored.type, stored.version, stored.data)
