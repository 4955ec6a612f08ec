"""Incidents from the command line: a false start restarts the heat; a refused incident says
why in one line, exit 2, and writes nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cli_support import run_pursuit

ENTRIES = """name,nation,family_name,seed_time
Anna Aalto,FIN,,4:40.00
Berit Berg,NOR,,4:41.00
Carla Costa,ITA,,4:42.00
Dora Dahl,DEN,,4:43.00
"""
DB = ("--db", "sqlite:///live.db")


def pursuit(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PURSUIT_ACTOR": "starter"}
    env.pop("PURSUIT_DATABASE_URL", None)
    result = run_pursuit(*args, *DB, cwd=cwd, env=env)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def test_a_false_start_and_a_mishap_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "riders.csv").write_text(ENTRIES, "utf-8")
    pursuit("new", "cup", "--title", "Cup", "--format", "uci-individual-pursuit", cwd=tmp_path)
    pursuit("entries", "import", "riders.csv", cwd=tmp_path)
    pursuit("draw", "Q", "--pair", "Anna Aalto v Carla", "--pair", "Berit v Dora", cwd=tmp_path)
    pursuit("start", "Q", "1", cwd=tmp_path)
    out = pursuit("false-start", "Q", "1", "Aalto", cwd=tmp_path).stdout
    assert "FalseStartRecorded round=Q, heat=1, entrant=Anna Aalto, start=1" in out
    assert "HeatStopped round=Q, heat=1, reason=false start by Anna Aalto (1st start)" in out
    pursuit("start", "Q", "1", cwd=tmp_path)
    wrong = pursuit("incident", "Q", "1", "Dora", "--kind", "fall", cwd=tmp_path, ok=False)
    assert wrong.returncode == 2
    assert "Dora Dahl does not ride in Qualifying heat 1" in wrong.stderr
    cramp = pursuit("incident", "Q", "1", "Carla", "--kind", "cramp", cwd=tmp_path, ok=False)
    assert cramp.returncode == 2 and "kind" in cramp.stderr
    out = pursuit("incident", "Q", "1", "Carla", "--kind", "puncture", cwd=tmp_path).stdout
    assert "IncidentRecorded round=Q, heat=1, entrant=Carla Costa, kind=puncture" in out
    log = pursuit("log", cwd=tmp_path).stdout
    assert log.count("HeatStopped") == 2
