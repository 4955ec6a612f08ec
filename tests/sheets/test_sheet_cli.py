"""`pursuit sheet` and `pursuit publish` from the command line, on the example file and on a
database filled by `pursuit replay --speed 0`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_helpers import EXAMPLE, pdf_text

from cli_support import run_pursuit as pursuit


@pytest.mark.slow
def test_sheet_and_publish_from_a_replayed_database(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'live.db'}"
    replayed = pursuit("replay", str(EXAMPLE), "--speed", "0", "--db", db, "--quiet")
    assert replayed.returncode == 0, replayed.stderr
    out = tmp_path / "sf2.pdf"
    done = pursuit("sheet", "--db", db, "--round", "SF", "--heat", "2", "--to", str(out))
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Semifinal 2 · Heat sheet" in text and "Mogens Frey wins in 4:41.80" in text
    assert "Splits are synthetic" in text and "page 1 of 1" in text
    site = tmp_path / "site"
    done = pursuit("publish", "--db", db, "--no-charts", "--to", str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "heat-SF-2.html").is_file() and (site / "pdf" / "heat-SF-2.pdf").is_file()


def test_sheet_writes_one_pdf_per_sheet_into_a_folder(tmp_path: Path) -> None:
    done = pursuit("sheet", str(EXAMPLE), "--round", "F", "--no-charts", "--to", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "heat-F-1.pdf",
        "results-F.pdf",
        "start-list-F.pdf",
    ]
    assert "Daniel Rébillard" in pdf_text(tmp_path / "results-F.pdf")


def test_a_heat_that_does_not_exist_is_a_one_line_error(tmp_path: Path) -> None:
    done = pursuit(
        "sheet", str(EXAMPLE), "--round", "QF", "--heat", "7", "--to", str(tmp_path / "x.pdf")
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "error: QF has no heat 7 with riders (heats: 1, 2, 3, 4)"
    assert not (tmp_path / "x.pdf").exists()
