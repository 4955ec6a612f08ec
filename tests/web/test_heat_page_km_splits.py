"""The heat page of a ride given splits only every kilometre (imported into a store): a row
at each kilometre with the gap where both riders have a time there, a mark's row, and no
rows of blanks for the half laps nobody timed."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from pursuit.app.importing import commands_from_file
from pursuit.web.parts import Web
from unit.builders import competition_text, ride

KM = [{"at": "1000 m", "time": "1:13.60"}, {"at": "2000 m", "time": "2:24.10"},
      {"at": "3000 m", "time": "3:34.80"}]  # fmt: skip
KM_B = [{"at": "1000 m", "time": "1:14.00"}, {"at": "2000 m", "time": "2:23.90"},
        {"at": "2100 m", "time": "2:30.00"}]  # fmt: skip


def test_the_heat_page_shows_each_kilometre_and_the_mark_and_no_blank_rows(
    client: TestClient, web: Web, tmp_path: Path
) -> None:
    rides = [ride("Ann", "4:45.20", splits=KM, heat=1, side="red"),
             ride("Bea", "4:46.00", splits=KM_B, heat=1, side="green")]  # fmt: skip
    path = tmp_path / "km.toml"
    text = competition_text("uci-individual-pursuit", {"Q": rides}, track_length_m=285.714)
    path.write_text(text, "utf-8")
    web.hub.handle("km", commands_from_file(path), "import", "import-km")
    page = client.get("/c/km/heat/Q/1")
    assert page.status_code == 200
    body = page.text.split('<table class="splits">')[1].split("</table>")[0]
    rows = re.findall(r"<th scope=\"row\">(.*?)</th>", body, re.S)
    assert [re.sub(r"<[^>]+>", "", r) for r in rows] == ["Finish", "21", "–", "14", "7"]
    assert "1000 m" in body and "2100 m" in body and "0.40" in body  # the gap at 1 km
