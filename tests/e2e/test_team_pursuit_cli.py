"""Team pursuit from the command line: teams imported with rosters, a line-up declared for a
round, the default line-up taken at the start, a rider dropped, the line-ups in `show`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cli_support import run_pursuit

ENTRIES = """name,nation,seed_time,roster
Velo Nord,DEN,4:02.00,Anton Berg;Jonas Falk;Emil Strand;Nils Vik;Olle Lind
Harbour,GBR,,Sam Quay;Tom Reed;Ian Marsh;Rob Keel
"""


def pursuit(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PURSUIT_ACTOR": "commissaire-1"}
    env.pop("PURSUIT_DATABASE_URL", None)
    result = run_pursuit(*args, "--db", "sqlite:///tp.db", cwd=cwd, env=env)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def test_a_line_up_and_a_rider_dropped_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text(ENTRIES, "utf-8")
    new = ("new", "tp", "--title", "Club TP", "--format", "uci-team-pursuit", "--track", "250")
    pursuit(*new, cwd=tmp_path)
    pursuit("entries", "import", "teams.csv", cwd=tmp_path)
    pursuit("draw", "Q", "--pair", "Velo Nord v Harbour", cwd=tmp_path)
    riders = ("Anton Berg", "Jonas Falk", "Emil Strand", "Lind")
    out = pursuit("lineup", "Q", "Nord", *riders, cwd=tmp_path).stdout
    assert "LineupDeclared round=Q, team=Velo Nord, riders=[Anton Berg, Jonas Falk, " in out
    refused = pursuit("lineup", "Q", "Harbour", "Sam Quay", cwd=tmp_path, ok=False)
    assert refused.returncode == 2
    assert "Harbour: a line-up of 1; a team starts with 4 riders" in refused.stderr
    out = pursuit("start", "Q", "1", cwd=tmp_path).stdout
    assert "LineupDeclared round=Q, team=Harbour, riders=[Sam Quay, Tom Reed, " in out
    assert "by_default=True" in out
    out = pursuit("drop", "Q", "1", "Harbour", "Rob Keel", "--half-lap", "12", cwd=tmp_path)
    assert "RiderDropped round=Q, heat=1, team=Harbour, rider=Rob Keel, half_lap=12" in out.stdout
    pursuit("finish", "Q", "1", "Nord", "4:02.318", cwd=tmp_path)
    pursuit("finish", "Q", "1", "Harbour", "4:03.105", cwd=tmp_path)
    shown = pursuit("show", cwd=tmp_path).stdout
    assert "Anton Berg, Jonas Falk, Emil Strand, Olle Lind" in shown
    assert "Rob Keel (dropped)" in shown


def test_the_team_pursuit_example_replayed_live_gives_the_file_s_results(tmp_path: Path) -> None:
    """The knockout heats drawn by the format (not by the file's order), each ridden with
    its declared line-up, and the rider dropped: the same tables as the file itself."""
    example = Path(__file__).resolve().parents[2] / "examples" / "example-club-team-pursuit.toml"
    pursuit("replay", str(example), "--speed", "0", "-c", "club", cwd=tmp_path)
    replayed = pursuit("show", "-c", "club", cwd=tmp_path).stdout
    env = {k: v for k, v in os.environ.items() if k != "PURSUIT_DATABASE_URL"}
    from_file = run_pursuit("show", str(example), cwd=tmp_path, env=env)
    assert from_file.returncode == 0, from_file.stderr
    assert "Finn Platz" in replayed and replayed == from_file.stdout
