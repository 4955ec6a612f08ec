"""The web's one way to the competitions: a lock around the service, page models cached by
log position, and an announcement after every append.

`CompetitionService` keeps folded state in memory and is not meant for concurrent callers, so
every call into it happens under one lock. Reads are cheap: a page model is built once per
(competition, position, page) and then served from the cache to every viewer, so a thousand
viewers refreshing after a split cost one build, not a thousand.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from pursuit.app.service import CompetitionService, Executed, UnknownCompetition
from pursuit.core.commands import Command
from pursuit.core.engine import compute
from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.store.events import StoredEvent
from pursuit.views.results import ResultsView, build_view
from pursuit.web.live.broadcast import Broadcaster, Update

T = TypeVar("T")
Builder = Callable[[CompetitionState, ResultsView], T]
ResultsBuilder = Callable[[CompetitionState, Results, ResultsView], T]

RESERVED_PREFIX = "_"  # ids such as `_users` hold the web's own records, not competitions


class Lru:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def heats_touched(events: Sequence[StoredEvent]) -> frozenset[str]:
    """ "Q/3" for every heat an event names (a draw touches all of its round's heats)."""
    touched: set[str] = set()
    for e in events:
        round_id, heat = e.data.get("round"), e.data.get("heat")
        if isinstance(round_id, str) and isinstance(heat, int):
            touched.add(f"{round_id}/{heat}")
        for drawn in e.data.get("heats") or ():
            if isinstance(round_id, str) and isinstance(drawn, dict) and "number" in drawn:
                touched.add(f"{round_id}/{drawn['number']}")
    return frozenset(touched)


class Hub:
    def __init__(
        self, service: CompetitionService, broadcaster: Broadcaster, cache_entries: int = 512
    ) -> None:
        self.service = service
        self.broadcaster = broadcaster
        self._lock = threading.RLock()
        self._models = Lru(cache_entries)
        self.rendered = Lru(cache_entries)  # HTML and JSON text by (page, position)

    def competitions(self) -> list[str]:
        with self._lock:
            names = self.service.competitions()
        return [n for n in names if not n.startswith(RESERVED_PREFIX)]

    def head(self, competition: str) -> int:
        return self.service.store.head(competition)

    def model(self, competition: str, page: Hashable, build: Builder[T]) -> tuple[int, T]:
        """The page model `build` makes from the competition now, and the position it is at."""
        return self.model_of(competition, page, lambda state, _, view: build(state, view))

    def model_of(self, competition: str, page: Hashable, build: ResultsBuilder[T]) -> tuple[int, T]:
        """As `model`, for a builder that also needs the computed results (the charts do)."""
        _check_id(competition)
        with self._lock:
            state = self.service.existing(competition)
            position = state.position
            key = (competition, position, page)
            cached = self._models.get(key)
            if cached is not None:
                return position, cached
            computed_key = (competition, position, "__computed__")
            computed: tuple[Results, ResultsView] | None = self._models.get(computed_key)
            if computed is None:
                results = compute(state.competition())
                computed = (results, build_view(results))
                self._models.put(computed_key, computed)
            model = build(state, *computed)
            self._models.put(key, model)
            return position, model

    def execute(
        self, competition: str, command: Command, actor: str, command_id: str | None = None
    ) -> Executed:
        _check_id(competition)
        with self._lock:
            done = self.service.execute(competition, command, actor, command_id)
            self._announce(competition, done.stored)
        return done

    def execute_with(
        self,
        competition: str,
        make: Callable[[CompetitionState], Command],
        actor: str,
        command_id: str | None = None,
    ) -> Executed:
        """Build the command from the current state (e.g. to resolve a typed rider) and run it,
        with nothing appended in between."""
        _check_id(competition)
        with self._lock:
            command = make(self.service.existing(competition))
            done = self.service.execute(competition, command, actor, command_id)
            self._announce(competition, done.stored)
        return done

    def execute_all(
        self, competition: str, commands: Sequence[Command], actor: str, command_id: str | None
    ) -> Executed:
        _check_id(competition)
        with self._lock:
            done = self.service.execute_all(competition, commands, actor, command_id)
            self._announce(competition, done.stored)
        return done

    def events(self, competition: str, after: int, upto: int | None = None) -> list[StoredEvent]:
        _check_id(competition)
        return list(self.service.store.read(competition, after, upto))

    def command_ids(self, competition: str) -> set[str]:
        return {e.command_id for e in self.service.store.read(competition)}

    def catch_up(self, competition: str) -> None:
        """Announce what other processes appended to `competition` since the last announcement."""
        if competition.startswith(RESERVED_PREFIX):
            return
        head = self.head(competition)
        known = self.broadcaster.head(competition)
        if known is not None and head <= known:
            return
        fresh = self.events(competition, known, head) if known is not None else []
        self.broadcaster.publish(Update(competition, head, heats_touched(fresh)))

    def _announce(self, competition: str, stored: Sequence[StoredEvent]) -> None:
        if stored:
            position = max(e.position for e in stored)
            self.broadcaster.publish(Update(competition, position, heats_touched(stored)))


def _check_id(competition: str) -> None:
    if competition.startswith(RESERVED_PREFIX):
        raise UnknownCompetition(f"no competition {competition!r}")
