"""A ride's `record`, `basis` and `lineup` of the wrong type are findings, never a crash when
the results are shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from pursuit.cli.terminal import print_results
from pursuit.core.engine import compute
from pursuit.loading.competition_file import competition_from_text
from pursuit.views.results import build_view

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"
)
FIRST = (
    '{ rider = "Xaver Kurmann", time = "4:40.41", rank = "1", record = "OR", basis = "published" }'
)


@pytest.mark.parametrize(
    ("field", "written"),
    [
        ("basis", "basis = 1.5"),
        ("record", "record = 5"),
        ("lineup", "lineup = 5"),
        ("lineup", "lineup = [1, 2]"),
        ("basis", 'basis = ["x"]'),
    ],
)
def test_a_ride_field_of_another_type_is_a_finding_and_the_rest_shows(
    field: str, written: str
) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert FIRST in text
    ride = FIRST.replace(" }", f", {written} }}")
    if field != "lineup":
        ride = FIRST.replace(
            f'{field} = "OR"' if field == "record" else 'basis = "published"', written
        )
    loaded = competition_from_text(text.replace(FIRST, ride), "race.toml")
    bad = [f for f in loaded.findings if f.code == "bad-field"]
    assert len(bad) == 1 and field in bad[0].message, loaded.findings
    view = build_view(compute(loaded.competition))
    out = io.StringIO()
    print_results(Console(file=out, width=100), view)
    assert "Xaver Kurmann" in out.getvalue()
