"""Reading a competition file pauses the cyclic garbage collector and gives it back as it was:
on, off, or after a file that cannot be read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from pursuit.errors import CompetitionFileError
from pursuit.loading.competition_file import competition_from_text

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"
)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_on, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    (gc.enable if was_on else gc.disable)()


@pytest.mark.usefixtures("collector_restored")
def test_no_collection_starts_while_the_file_is_read() -> None:
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.enable()
    gc.set_threshold(1)  # a collection at nearly every allocation, unless paused
    gc.callbacks.append(seen)
    try:
        loaded = competition_from_text(EXAMPLE.read_text("utf-8"), str(EXAMPLE))
    finally:
        gc.callbacks.remove(seen)
    assert loaded.competition.entrants and not loaded.findings
    # unpaused, that is thousands (2,608 for the example); paused, only the few started by
    # the allocations after the collector is resumed, on the way out
    assert len(started) < 50
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    competition_from_text(EXAMPLE.read_text("utf-8"), str(EXAMPLE))
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_runs_again_after_a_file_that_is_not_toml() -> None:
    gc.enable()
    with pytest.raises(CompetitionFileError, match="not valid TOML"):
        competition_from_text("[competition\n", "bad.toml")
    assert gc.isenabled()
