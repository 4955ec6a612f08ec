"""Helpers for the sheet tests: replay the 1968 example into a store with a clock that ticks
7 s per command (so official times are distinct), and read PDFs back with poppler."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pursuit.app.replay import replay_script, run
from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.store.open import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
START = datetime(1968, 10, 17, 15, 0, 0, tzinfo=UTC)
CID = "mexico-1968"


def ticking_clock() -> Callable[[], str]:
    count = iter(range(10**6))
    return lambda: (START + timedelta(seconds=7 * next(count))).isoformat()


def replay_into(url: str, stop: Callable[[c.Command], bool] | None = None) -> CompetitionService:
    """Replay the 1968 example into the store at `url`, stopping before the first command for
    which `stop` is true."""
    loaded = load_competition(EXAMPLE)
    steps = replay_script(loaded.competition, "olympic-1968", format_definition("olympic-1968"))
    if stop is not None:
        steps = steps[: next((i for i, s in enumerate(steps) if stop(s.command)), len(steps))]
    svc = CompetitionService(open_store(url), clock=ticking_clock())
    list(run(steps, lambda cmd: svc.handle(CID, cmd, "replay") and None, 0, lambda _: None))
    return svc


def needs(tool: str) -> None:
    """Skip without poppler on a developer's machine; CI installs it, so there it fails."""
    if shutil.which(tool) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} (poppler-utils) is not installed, but CI=true installs it")
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def pdf_text(pdf: Path) -> str:
    needs("pdftotext")
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    pages = pdf_text(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_pngs(pdf: Path, folder: Path) -> list[Path]:
    needs("pdftoppm")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))
