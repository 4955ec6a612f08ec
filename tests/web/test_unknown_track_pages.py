"""Pages of a competition whose track length is unknown say so and show no half laps."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from pursuit.app.importing import commands_from_file
from pursuit.web.parts import Web

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moscow-1980-men-individual-pursuit.toml"


def import_unknown_track(web: Web, tmp_path: Path) -> str:
    text = EXAMPLE.read_text("utf-8")
    path = tmp_path / "moscow.toml"
    path.write_text(text.replace("track_length_m = 333.33", 'track_length_m = "unknown"'), "utf-8")
    web.hub.handle("moscow", commands_from_file(path), "import", "import-1980")
    return "moscow"


def test_the_overview_says_the_track_length_is_unknown(
    client: TestClient, web: Web, tmp_path: Path
) -> None:
    cid = import_unknown_track(web, tmp_path)
    page = client.get(f"/c/{cid}")
    assert page.status_code == 200
    assert "<dt>Track</dt><dd>track length unknown;" in page.text


def test_a_heat_page_says_no_half_laps_can_be_shown_and_still_gives_the_times(
    client: TestClient, web: Web, tmp_path: Path
) -> None:
    cid = import_unknown_track(web, tmp_path)
    page = client.get(f"/c/{cid}/heat/SF/2")
    assert page.status_code == 200, page.text
    assert "The track length is not known, so no half laps can be shown." in page.text
    assert "4:32.29" in page.text
    data = client.get(f"/c/{cid}/heat/SF/2.json").json()
    assert data["half_laps"] == [] and data["track_unknown"] is True
