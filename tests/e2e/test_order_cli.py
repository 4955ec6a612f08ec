"""`pursuit order`: who was faster in a round, as published without the times, recorded on a
database competition and used by its results."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from cli_support import run_pursuit

RIDERS = [f"R0{n}" for n in range(1, 9)]
# Qualifying by time; the first round known only by who won each heat (6v7, 5v8, 2v3, 1v4).
FILE = "\n".join(
    [
        "[competition]",
        'title = "Club team pursuit"',
        'format = "uci-team-pursuit"',
        "[entrants]",
        "riders = [" + ", ".join(f'{{ name = "{r}" }}' for r in RIDERS) + "]",
        "[rounds.Q]",
        "rides = ["
        + ", ".join(f'{{ rider = "{r}", time = "4:0{i}.000" }}' for i, r in enumerate(RIDERS))
        + "]",
        "[rounds.R1]",
        "rides = ["
        + ", ".join(
            f'{{ rider = "{r}", rank = {k} }}'
            for w, lo in (("R06", "R07"), ("R05", "R08"), ("R02", "R03"), ("R01", "R04"))
            for r, k in ((w, 1), (lo, 2))
        )
        + "]",
    ]
)


def pursuit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PURSUIT_ACTOR": "commissaire-1"}
    env.pop("PURSUIT_DATABASE_URL", None)
    result = run_pursuit(*args, "--db", "sqlite:///tp.db", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result


def test_an_order_recorded_from_the_command_line_places_the_untimed_riders(
    tmp_path: Path,
) -> None:
    (tmp_path / "tp.toml").write_text(FILE + "\n", "utf-8")
    pursuit("import", "tp.toml", "-c", "tp", cwd=tmp_path)
    order = ("R08", "R03", "R06", "R05", "R07", "R04")
    out = pursuit("order", "R1", *order, "-c", "tp", cwd=tmp_path)
    assert "OrderPublished round=R1, names=[R08, R03, R06, R05, R07, R04]" in out.stdout
    classified = json.loads(pursuit("classify", "--json", "-c", "tp", cwd=tmp_path).stdout)
    places = {p["name"]: p["rank"] for p in classified["classification"]}
    assert [places[n] for n in ("R06", "R05", "R07", "R04")] == ["5", "6", "7", "8"]
    assert [f["code"] for f in classified["findings"]] == []
