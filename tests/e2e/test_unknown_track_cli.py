"""A historical file whose track length is unknown, through the CLI: shown as unknown,
splits refused with a finding, kept unknown through a database and back to a file."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moscow-1980-men-individual-pursuit.toml"
SPLITS = '{ heat = 1, rider = "Alain Bondue", splits = ["22.00", "44.00"], time = "4:42.96"'


def unknown_track(tmp_path: Path, splits: bool = False) -> Path:
    text = EXAMPLE.read_text("utf-8").replace(
        "track_length_m = 333.33", 'track_length_m = "unknown"'
    )
    if splits:
        text = text.replace('{ heat = 1, rider = "Alain Bondue", time = "4:42.96"', SPLITS)
    path = tmp_path / "moscow.toml"
    path.write_text(text, "utf-8")
    return path


def test_show_says_the_track_length_is_unknown_and_still_gives_every_result(tmp_path: Path):
    result = run("show", str(unknown_track(tmp_path)))
    assert result.returncode == 0, result.stderr
    header = "".join(result.stdout.splitlines()[1:3])  # the terminal wraps long lines
    assert "track length unknown" in header and "333" not in header
    assert "4:32.29" in result.stdout


def test_check_drops_splits_on_an_unknown_track_naming_their_line(tmp_path: Path):
    path = unknown_track(tmp_path, splits=True)
    result = run("check", str(path), "--json")
    findings = json.loads(result.stdout)
    line = next(i for i, t in enumerate(path.read_text("utf-8").splitlines(), 1) if "22.00" in t)
    unknown = [f for f in findings if f["code"] == "track-unknown"]
    assert [f["place"] for f in unknown] == [f"{path}:{line}"]
    assert "Alain Bondue" in unknown[0]["message"]
    assert {f["code"] for f in findings} == {"track-unknown", "published-rank"}


def test_the_json_and_markdown_say_unknown(tmp_path: Path):
    path = unknown_track(tmp_path)
    doc = json.loads(run("classify", str(path), "--json").stdout)
    assert doc["competition"]["track_length_m"] is None
    markdown = run("export", str(path), "--to", "markdown").stdout
    assert "- **Track length:** unknown" in markdown.splitlines()


def test_an_unknown_track_stays_unknown_through_a_database_and_back_to_a_file(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'p.db'}"
    imported = run("import", str(unknown_track(tmp_path)), "--db", db, "-c", "moscow")
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "back.toml"
    exported = run("export-log", "--to", "toml", "-o", str(out), "--db", db, "-c", "moscow")
    assert exported.returncode == 0, exported.stderr
    assert tomllib.loads(out.read_text("utf-8"))["competition"]["track_length_m"] == "unknown"


def test_a_heat_sheet_on_an_unknown_track_says_no_half_laps_can_be_shown(tmp_path: Path):
    out = tmp_path / "sf2.pdf"
    path = unknown_track(tmp_path)
    done = run("sheet", str(path), "--round", "SF", "--heat", "2", "--no-charts", "--to", str(out))
    assert done.returncode == 0, done.stderr
    # pdftotext: poppler-utils, which the sheet tests need too
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True)
    assert "track length unknown" in text.stdout
    assert "The track length is not known, so no half laps can be shown." in text.stdout
