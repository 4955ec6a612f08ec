"""When another writer appends between a command's decision and its append, the service decides
the command again on the newest state instead of answering with a conflict: the same events are
appended at the new head, a command the rules now refuse is refused, and a command that would
now record something else is still a conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from pursuit.app.creation import create_command
from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.core.times import parse_time as t
from pursuit.errors import RuleViolation
from pursuit.loading.format_files import format_definition
from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent, StoredEvent
from pursuit.store.memory import MemoryEventStore

SEEDS = ["4:30", "4:31", "4:40", "4:41", "4:50", "5:20"]


class WritesFirst(EventStore):
    """A store where, before each of our next `times` appends, someone else writes first."""

    def __init__(self, inner: EventStore) -> None:
        self.inner = inner
        self.others: list[Callable[[], object]] = []
        self.appends = 0

    def append(
        self, competition: str, expected_head: int, events: Sequence[NewEvent]
    ) -> list[StoredEvent]:
        self.appends += 1
        if self.others:
            self.others.pop(0)()
        return self.inner.append(competition, expected_head, events)

    def read(
        self, competition: str, after: int = 0, upto: int | None = None
    ) -> Iterator[StoredEvent]:
        return self.inner.read(competition, after, upto)

    def head(self, competition: str) -> int:
        return self.inner.head(competition)

    def competitions(self) -> list[str]:
        return self.inner.competitions()

    def close(self) -> None:
        self.inner.close()


def uci_competition(svc: CompetitionService) -> None:
    """Six riders: the slowest two, Eva and Fia, ride qualifying heat 1."""
    form = format_definition("uci-individual-pursuit")
    svc.handle("cup", create_command("uci-individual-pursuit", form, "Cup"), "admin")
    for name, seed in zip(["Anna", "Berit", "Carla", "Dora", "Eva", "Fia"], SEEDS, strict=True):
        svc.handle("cup", c.RegisterEntrant(name, "XYZ", seed_time=t(seed)), "admin")


@pytest.fixture
def two() -> tuple[CompetitionService, CompetitionService, WritesFirst]:
    """Services A (through the racing store) and B (the other writer) on one log, heat Q/1
    (Eva and Fia) started."""
    shared = MemoryEventStore()
    racing = WritesFirst(shared)
    a, b = CompetitionService(racing, pause=lambda _: None), CompetitionService(shared)
    uci_competition(b)
    b.handle("cup", c.DrawRound("Q"), "admin")
    b.handle("cup", c.StartHeat("Q", 1), "tk2")
    a.state("cup")
    racing.appends = 0
    return a, b, racing


def test_a_split_for_another_rider_written_first_is_not_a_conflict(
    two: tuple[CompetitionService, CompetitionService, WritesFirst],
) -> None:
    a, b, racing = two
    racing.others.append(lambda: b.handle("cup", c.RecordSplit("Q", 1, "Fia", t("20.0")), "tk2"))
    done = a.handle("cup", c.RecordSplit("Q", 1, "Eva", t("19.5")), "tk1", "key-1")
    assert racing.appends == 2
    head = b.store.head("cup")
    assert done.positions == [head]
    kinds = [(e.type, e.data["entrant"], e.actor) for e in b.store.read("cup", head - 2)]
    assert kinds == [("SplitRecorded", "Fia", "tk2"), ("SplitRecorded", "Eva", "tk1")]
    assert a.state("cup").ride("Q", "Eva").splits == [t("19.5")]
    assert a.state("cup").ride("Q", "Fia").splits == [t("20.0")]
    again = a.handle("cup", c.RecordSplit("Q", 1, "Eva", t("19.5")), "tk1", "key-1")
    assert again.positions == done.positions  # the key still answers with the first write


def test_a_command_the_rules_now_refuse_is_refused_by_the_rule(
    two: tuple[CompetitionService, CompetitionService, WritesFirst],
) -> None:
    a, b, racing = two
    racing.others.append(lambda: b.handle("cup", c.RecordNonFinish("Q", "Eva"), "com"))
    head = b.store.head("cup")
    with pytest.raises(RuleViolation):
        a.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:50.000")), "tk1")
    assert [e.type for e in b.store.read("cup", head)] == ["OutcomeRecorded"]


def test_a_command_that_would_now_record_something_else_stays_a_conflict(
    two: tuple[CompetitionService, CompetitionService, WritesFirst],
) -> None:
    a, b, racing = two
    # both timekeepers press "next split" for Eva: A's would now be half lap 2, not 1
    racing.others.append(lambda: b.handle("cup", c.RecordSplit("Q", 1, "Eva", t("19.4")), "tk2"))
    head = b.store.head("cup")
    with pytest.raises(ConcurrencyConflict):
        a.handle("cup", c.RecordSplit("Q", 1, "Eva", t("28.5")), "tk1")
    assert len(list(b.store.read("cup", head))) == 1


def test_a_writer_that_keeps_losing_gives_up_after_the_set_attempts(
    two: tuple[CompetitionService, CompetitionService, WritesFirst],
) -> None:
    a, b, racing = two
    for k in range(1, 5):
        racing.others.append(
            lambda k=k: b.handle("cup", c.RecordSplit("Q", 1, "Fia", t(f"{20 * k}.0")), "tk2")
        )
    with pytest.raises(ConcurrencyConflict):
        a.handle("cup", c.RecordSplit("Q", 1, "Eva", t("19.5")), "tk1")
    assert racing.appends == a.attempts == 4
    assert a.state("cup").ride("Q", "Eva").splits == []
