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
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from pursuit.app.idempotency import key_of
from pursuit.app.ids import is_reserved
from pursuit.app.service import (
    CompetitionService,
    Handled,
    Request,
    UnknownCompetition,
    event_of,
)
from pursuit.app.touched import heats_touched
from pursuit.core.engine import compute
from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.store.events import StoredEvent
from pursuit.views.results import ResultsView, build_view
from pursuit.web.live.broadcast import Broadcaster, Update

T = TypeVar("T")
Builder = Callable[[CompetitionState, ResultsView], T]
ResultsBuilder = Callable[[CompetitionState, Results, ResultsView], T]


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
            return self.service.competitions()

    def head(self, competition: str) -> int:
        return self.service.store.head(competition)

    def read(self, competition: str, look: Callable[[CompetitionState], T]) -> T:
        """`look` at the competition's state under the lock: the state is folded in place by
        writes, so nobody reads it while a write folds."""
        with self._lock:
            return look(self.service.state(competition))

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

    def handle(
        self, competition: str, request: Request, actor: str, command_id: str | None = None
    ) -> Handled:
        """The service's `handle` under the lock, then the heats it touched announced."""
        _check_id(competition)
        with self._lock, self.broadcaster.writing():
            done = self.service.handle(competition, request, actor, command_id)
            if done.stored:
                self.broadcaster.publish(Update(competition, max(done.positions), done.touched))
        return done

    def events(self, competition: str, after: int, upto: int | None = None) -> list[StoredEvent]:
        _check_id(competition)
        return list(self.service.store.read(competition, after, upto))

    def command_ids(self, competition: str) -> set[str]:
        """The idempotency keys (or made-up command ids) the competition's log holds."""
        return {key_of(e.command_id)[0] for e in self.service.store.read(competition)}

    def catch_up(self, competition: str) -> None:
        """Announce what other processes appended to `competition` since the last announcement."""
        if is_reserved(competition):
            return
        head = self.head(competition)
        known = self.broadcaster.head(competition)
        if known is not None and head <= known:
            return
        fresh = self.events(competition, known, head) if known is not None else []
        touched = heats_touched(event_of(e) for e in fresh)
        self.broadcaster.publish(Update(competition, head, touched))


def _check_id(competition: str) -> None:
    if is_reserved(competition):
        raise UnknownCompetition.named(competition)
