"""The 1968 competition run live from the command line on SQLite (and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from cli_support import run_pursuit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
ENTRIES = """name,nation,family_name,seed_time
Xaver Kurmann,SUI,,4:40.00
John Bylsma,AUS,,4:41.00
Daniel Rébillard,FRA,,4:42.00
Mogens Frey,DEN,,4:43.00
Denfield McNab,,,6:00.00
"""


def pursuit(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PURSUIT_ACTOR": "timekeeper-1"}
    env.pop("PURSUIT_DATABASE_URL", None)
    result = run_pursuit(*args, cwd=cwd, env=env)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def test_officials_run_heats_from_the_command_line_and_every_action_is_logged(tmp_path):
    db = ["--db", "sqlite:///live.db"]
    (tmp_path / "riders.csv").write_text(ENTRIES, "utf-8")
    pursuit(
        "new",
        "mx",
        "--title",
        "Mexico 1968, men's individual pursuit",
        "--format",
        "olympic-1968",
        "--track",
        "333.33",
        "--date",
        "1968-10-17",
        *db,
        cwd=tmp_path,
    )
    out = pursuit("entries", "import", "riders.csv", *db, cwd=tmp_path).stdout
    assert "registered 5 entrants" in out
    out = pursuit("schedule", "Q", "--date", "1968-10-17", "--time", "9:30", *db, cwd=tmp_path)
    assert "RoundScheduled round=Q, date=1968-10-17, time=9:30" in out.stdout
    late = pursuit("schedule", "F", "--date", "18.10.1968", *db, cwd=tmp_path, ok=False)
    assert late.returncode == 2 and "not a date like" in late.stderr
    out = pursuit("draw", "Q", *db, cwd=tmp_path).stdout
    assert "RoundDrawn" in out
    pursuit("start", "Q", "1", *db, cwd=tmp_path)
    # a bad time is refused with a clear message and changes nothing
    bad = pursuit("finish", "Q", "1", "McNab", "6:1x.96", *db, cwd=tmp_path, ok=False)
    assert bad.returncode == 2 and "not a race time" in bad.stderr
    assert "Traceback" not in bad.stderr
    pursuit("split", "Q", "1", "McNab", "23.10", *db, cwd=tmp_path)
    twice = pursuit(
        "split", "Q", "1", "McNab", "23.50", "--half-lap", "1", *db, cwd=tmp_path, ok=False
    )
    assert twice.returncode == 2 and "correct it with a reason" in twice.stderr
    out = pursuit(
        "correct",
        "Q",
        "McNab",
        "--half-lap",
        "1",
        "--time",
        "23.01",
        "--reason",
        "typo",
        *db,
        cwd=tmp_path,
    ).stdout
    assert "SplitCorrected round=Q, entrant=Denfield McNab, half_lap=1, elapsed=23.01" in out
    pursuit("finish", "Q", "1", "McNab", "6:12.96", *db, cwd=tmp_path)
    pursuit("start", "Q", "2", "--impulse", "15:00:00.0000", *db, cwd=tmp_path)
    pursuit("split", "Q", "2", "Bylsma", "--impulse", "15:00:17.5012", *db, cwd=tmp_path)
    pursuit("finish", "Q", "2", "Bylsma", "--impulse", "15:04:41.1034", *db, cwd=tmp_path)
    pursuit("finish", "Q", "2", "Frey", "4:42.30", *db, cwd=tmp_path)
    pursuit("start", "Q", "3", *db, cwd=tmp_path)
    pursuit("finish", "Q", "3", "Kurmann", "4:40.41", *db, cwd=tmp_path)
    pursuit("finish", "Q", "3", "Rébillard", "4:42.51", *db, cwd=tmp_path)
    no_reason = pursuit(
        "correct", "Q", "Rébillard", "--time", "4:42.15", *db, cwd=tmp_path, ok=False
    )
    assert no_reason.returncode == 2
    pursuit(
        "correct",
        "Q",
        "Rébillard",
        "--time",
        "4:42.15",
        "--reason",
        "timer re-read",
        "--actor",
        "chief-commissaire",
        *db,
        cwd=tmp_path,
    )
    shown = pursuit("show", *db, cwd=tmp_path).stdout
    assert "4:41.10" in shown  # Bylsma's time from the impulses, truncated to 1/100
    assert "4:42.15" in shown and "4:42.51" not in shown
    log = pursuit("log", *db, cwd=tmp_path).stdout
    assert "chief-commissaire" in log and "timekeeper-1" in log
    assert "RideCorrected" in log and "timer re-read" in log
    assert "SplitCorrected" in log and "typo" in log
    assert log.count("FinishRecorded") == 5
    # the results as they stood before the correction
    before = pursuit(
        "classify", "--json", "--as-of", str(log.count("\n") - 1), *db, cwd=tmp_path
    ).stdout
    assert "4:42.51" in before


def test_a_catch_is_proposed_from_the_splits_and_confirmed_by_the_operator(tmp_path):
    db = ["--db", "sqlite:///live.db"]
    (tmp_path / "riders.csv").write_text(ENTRIES, "utf-8")
    pursuit(
        "new",
        "mx",
        "--title",
        "t",
        "--format",
        "olympic-1968",
        "--track",
        "333.33",
        *db,
        cwd=tmp_path,
    )
    pursuit("entries", "import", "riders.csv", *db, cwd=tmp_path)
    pursuit(
        "draw",
        "Q",
        "--pair",
        "Kurmann v McNab",
        "--pair",
        "Bylsma v Frey",
        "--pair",
        "Rébillard",
        *db,
        cwd=tmp_path,
    )
    pursuit("start", "Q", "1", *db, cwd=tmp_path)
    said = ""
    for k in range(1, 12):
        pursuit("split", "Q", "1", "McNab", f"{15.5 * k + 6:.2f}", *db, cwd=tmp_path)
        said = pursuit(
            "split", "Q", "1", "Kurmann", f"{11.5 * k + 5:.2f}", *db, cwd=tmp_path
        ).stdout
        if "catch detected" in said:
            break
    assert "catch detected" in said and "Kurmann has caught Denfield McNab" in said
    pursuit("catch", "Q", "1", "Kurmann", *db, cwd=tmp_path)
    pursuit("finish", "Q", "1", "Kurmann", "4:40.41", *db, cwd=tmp_path)
    pursuit("finish", "Q", "1", "McNab", "6:12.96", *db, cwd=tmp_path)
    shown = pursuit("show", *db, cwd=tmp_path).stdout
    mcnab = next(line for line in shown.splitlines() if "McNab" in line and "6:12.96" in line)
    assert mcnab.split()[0] == "–" and "Overtaken" in mcnab


def database_urls(tmp_path: Path) -> list[str]:
    urls = [f"sqlite:///{tmp_path / 'a.db'}"]
    pg = os.environ.get("PURSUIT_TEST_DATABASE_URL")
    if pg:
        urls.append(pg)
    elif os.environ.get("CI") == "true":
        pytest.fail("CI must provide PostgreSQL (PURSUIT_TEST_DATABASE_URL)")
    return urls


def test_the_1968_replay_gives_identical_results_on_sqlite_and_postgresql_and_from_the_file(
    tmp_path,
):
    cid = f"mx-{uuid.uuid4().hex[:8]}"
    outputs = []
    for url in database_urls(tmp_path):
        pursuit("replay", str(EXAMPLE), "--speed", "0", "-q", "-c", cid, "--db", url, cwd=tmp_path)
        outputs.append(pursuit("classify", "--json", "-c", cid, "--db", url, cwd=tmp_path).stdout)
        imported = f"{cid}-import"
        pursuit("import", str(EXAMPLE), "-c", imported, "--db", url, cwd=tmp_path)
        from_db = pursuit("show", "-c", imported, "--db", url, cwd=tmp_path).stdout
        assert from_db == pursuit("show", str(EXAMPLE), cwd=tmp_path).stdout
    assert all(o == outputs[0] for o in outputs)
    import json

    doc = json.loads(outputs[0])
    assert [p["name"] for p in doc["classification"][:4]] == [
        "Daniel Rébillard",
        "Mogens Frey",
        "Xaver Kurmann",
        "John Bylsma",
    ]


def test_a_competition_moves_from_sqlite_to_another_database_with_its_whole_history(tmp_path):
    pursuit("import", str(EXAMPLE), "-c", "mx", "--db", "sqlite:///one.db", cwd=tmp_path)
    pursuit(
        "dsq", "F", "Rébillard", "--reason", "protest", "--db", "sqlite:///one.db", cwd=tmp_path
    )
    pursuit("export-log", "-o", "mx.jsonl", "--db", "sqlite:///one.db", cwd=tmp_path)
    pursuit("import", "mx.jsonl", "--db", "sqlite:///two.db", cwd=tmp_path)
    one = pursuit("log", "--db", "sqlite:///one.db", cwd=tmp_path).stdout
    two = pursuit("log", "--db", "sqlite:///two.db", cwd=tmp_path).stdout
    assert one == two and "RiderDisqualified" in two
    pursuit(
        "export-log", "--to", "toml", "-o", "back.toml", "--db", "sqlite:///two.db", cwd=tmp_path
    )
    shown = pursuit("show", "back.toml", cwd=tmp_path).stdout
    assert "(vacant)" in shown


def test_reading_a_database_that_does_not_exist_is_an_error_and_makes_no_file(tmp_path):
    for command in (["show"], ["log"], ["classify", "--json"], ["draw", "Q"]):
        answer = pursuit(*command, "--db", "sqlite:///typo.db", cwd=tmp_path, ok=False)
        assert answer.returncode == 2 and "no such database file" in answer.stderr
        assert "Traceback" not in answer.stderr
    assert not (tmp_path / "typo.db").exists()


def test_a_missed_half_lap_is_skipped_and_a_taken_one_names_who_and_when(tmp_path):
    db = ["--db", "sqlite:///skip.db"]
    (tmp_path / "riders.csv").write_text(ENTRIES, "utf-8")
    pursuit("new", "cup", "--title", "Cup", "--format", "uci-individual-pursuit", *db, cwd=tmp_path)
    pursuit("entries", "import", "riders.csv", *db, cwd=tmp_path)
    pursuit("draw", "Q", *db, cwd=tmp_path)
    pursuit("start", "Q", "1", *db, cwd=tmp_path)
    rider = "McNab"  # heat 1: the slowest seeds first
    out = pursuit("split", "Q", "1", rider, "18.5", *db, cwd=tmp_path).stdout
    assert "half_lap=1, elapsed=18.500" in out  # to the competition's precision (0.001 s)
    out = pursuit("skip", "Q", "1", rider, *db, cwd=tmp_path).stdout
    assert "HalfLapMissed round=Q, heat=1, entrant=Denfield McNab, half_lap=2" in out
    out = pursuit("split", "Q", "1", rider, "45.0", *db, cwd=tmp_path).stdout
    assert "half_lap=3, elapsed=45.000" in out
    taken = pursuit(
        "split", "Q", "1", rider, "19.0", "--half-lap", "1", *db, cwd=tmp_path, ok=False
    )
    assert taken.returncode == 2
    assert "half lap 1 of Denfield McNab is already recorded: 18.500 by timekeeper-1 at" in (
        taken.stderr
    )
    clock = pursuit("split", "Q", "1", rider, "15:02:11.03", *db, cwd=tmp_path, ok=False)
    assert clock.returncode == 2 and "is a time of day" in clock.stderr


def test_replay_prints_one_summary_line_unless_asked_for_every_event(tmp_path):
    """By default (not on a terminal: no progress bar) a replay says only what it did;
    --verbose lists every event, numbered as the log numbers them."""
    quiet = pursuit("replay", str(EXAMPLE), "--speed", "0", "--db", "sqlite:///a.db", cwd=tmp_path)
    lines = (quiet.stdout + quiet.stderr).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"replayed {EXAMPLE} into ")
    events = int(lines[0].rsplit(": ", 1)[1].split()[0])
    loud = pursuit(
        "replay", str(EXAMPLE), "-v", "--speed", "0", "--db", "sqlite:///b.db", cwd=tmp_path
    )
    listed = [line for line in loud.stdout.splitlines() if line.startswith("event ")]
    assert len(listed) == events and listed[0].startswith("event 1: ")
