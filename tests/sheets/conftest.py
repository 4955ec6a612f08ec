"""Fixtures for the sheet tests: the 1968 example as a file and as a replayed database with
synthetic splits, and the full set of sheets of each rendered once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_helpers import CID, EXAMPLE, replay_into

from pursuit.app.service import CompetitionService
from pursuit.sheets.plan import sheets_for
from pursuit.sheets.render import render_pdf
from pursuit.sheets.source import SheetSource, from_competition_file, from_store
from pursuit.store.open import open_store


@pytest.fixture(scope="session")
def file_source() -> SheetSource:
    return from_competition_file(EXAMPLE)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'replayed.db'}"
    replay_into(url).store.close()
    return url


@pytest.fixture(scope="session")
def db_service(db_url: str) -> CompetitionService:
    return CompetitionService(open_store(db_url))


@pytest.fixture(scope="session")
def db_source(db_service: CompetitionService) -> SheetSource:
    return from_store(db_service, CID)


@pytest.fixture(scope="session")
def file_book(file_source: SheetSource, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sheet of the 1968 file in one PDF."""
    path = tmp_path_factory.mktemp("file") / "book.pdf"
    path.write_bytes(render_pdf(file_source.computed.view.competition, sheets_for(file_source)))
    return path


@pytest.fixture(scope="session")
def db_book(db_source: SheetSource, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sheet of the replayed database in one PDF."""
    path = tmp_path_factory.mktemp("db") / "book.pdf"
    path.write_bytes(render_pdf(db_source.computed.view.competition, sheets_for(db_source)))
    return path
