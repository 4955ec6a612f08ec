"""The records standing when a competition is created travel in its log, so it stands alone."""

from __future__ import annotations

from pursuit.app.creation import create_command
from pursuit.core import events as ev
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.loading.format_files import format_definition


def _create(**facts: object) -> ev.CompetitionCreated:
    command = create_command(
        "uci-individual-pursuit",
        format_definition("uci-individual-pursuit"),
        "Games",
        **facts,  # type: ignore[arg-type]
    )
    return ev.CompetitionCreated(command.format_name, command.format_definition, command.meta)


def test_the_olympic_games_copy_the_wr_and_the_or_into_the_log_and_read_them_back() -> None:
    created = _create(
        event="team pursuit", gender="women", dates=("2028-07-30",), records=("WR", "OR")
    )
    standing = created.meta.standing_records
    assert [(r.kind, r.holder, str(r.time)) for r in standing] == [
        ("WR", "Great Britain", "4:02.808"),
        ("OR", "Germany", "4:04.242"),
    ]
    name, version, data = to_wire(created)
    assert data["records"] == ["WR", "OR"]
    assert data["standing_records"][0] == {
        "kind": "WR",
        "discipline": "team pursuit",
        "gender": "women",
        "distance_m": 4000,
        "time": "4:02.808",
        "holder": "Great Britain",
        "date": "2026-02",
        "venue": "Konya",
    }
    assert from_wire(name, version, data) == created


def test_elsewhere_the_wr_only_and_the_wire_of_before_is_unchanged() -> None:
    created = _create(gender="men", dates=("2027-03-01",))
    assert [r.kind for r in created.meta.standing_records] == ["WR"]
    plain = _create(gender="men", dates=("1968-10-17",))
    assert plain.meta.standing_records == ()
    _, _, data = to_wire(plain)
    assert "records" not in data and "standing_records" not in data  # as logs were written


def test_without_dates_the_day_of_creation_decides() -> None:
    assert _create(gender="men", today="2021-01-01").meta.standing_records == ()
    earlier = _create(gender="men", today="2024-01-01").meta.standing_records
    assert [r.holder for r in earlier] == ["Filippo Ganna"]
    found = _create(gender="men", today="2025-01-01").meta.standing_records
    assert [r.holder for r in found] == ["Jonathan Milan"]
