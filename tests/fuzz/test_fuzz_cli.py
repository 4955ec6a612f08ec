"""Mutated files through the `pursuit` commands a user types (`check`, `show`, `import`,
`new --format`, `entries import`), in process: the exit code is 0, 1 or 2, never a traceback,
and a refused import leaves the database as it was."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_support import changes, competition_inputs, csv_inputs, format_inputs, fuzz, jsonl_inputs
from hypothesis import given, note
from typer.testing import CliRunner, Result

from pursuit.app.service import CompetitionService
from pursuit.cli.main import app
from pursuit.store.open import open_store

runner = CliRunner()
EXAMPLES = 10
ids = itertools.count(1)


@pytest.fixture(scope="module")
def db() -> Iterator[str]:
    """A SQLite database already holding a competition, so a refusal has something to leave
    alone."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/fuzz.db"
        made = pursuit("new", "base", "--title", "Base", "--format", "olympic-1968", "--db", url)
        assert made.exit_code == 0, made.stderr
        yield url


def pursuit(*args: str) -> Result:
    """Run `pursuit ARGS`; fail on anything but a clean exit 0, 1 or 2."""
    result = runner.invoke(app, list(args))
    crash = result.exception if not isinstance(result.exception, SystemExit) else None
    assert crash is None, f"pursuit {args[0]} crashed: {crash!r}"
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("error: "), result.stderr
    return result


def heads(url: str) -> dict[str, int]:
    store = open_store(url)
    try:
        return {cid: store.head(cid) for cid in CompetitionService(store).competitions()}
    finally:
        store.close()


def refused_or_shown(url: str, cid: str, before: dict[str, int], result: Result) -> None:
    if result.exit_code == 0:
        assert pursuit("show", "--db", url, "-c", cid).exit_code == 0
    else:
        assert heads(url) == before, "a refused command changed the database"


def _file(folder: str, name: str, data: bytes) -> str:
    path = Path(folder) / name
    path.write_bytes(data)
    note(f"{name} ({len(data)} bytes), changed from its seed:\n{changes(data)}")
    return str(path)


@pytest.mark.slow
def test_check_show_and_import_of_a_mutated_competition_file(db: str) -> None:
    @fuzz(EXAMPLES)
    @given(data=competition_inputs())
    def one(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = _file(folder, "c.toml", data)
            checked = pursuit("check", path)
            shown = pursuit("show", path)
            assert (checked.exit_code == 2) == (shown.exit_code == 2)
            cid, before = f"c{next(ids)}", heads(db)
            refused_or_shown(db, cid, before, pursuit("import", path, "--db", db, "-c", cid))

    one()


@pytest.mark.slow
def test_import_of_a_mutated_event_log(db: str) -> None:
    @fuzz(EXAMPLES)
    @given(data=jsonl_inputs())
    def one(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = _file(folder, "log.jsonl", data)
            cid, before = f"j{next(ids)}", heads(db)
            refused_or_shown(db, cid, before, pursuit("import", path, "--db", db, "-c", cid))

    one()


@pytest.mark.slow
def test_new_with_a_mutated_format_file(db: str) -> None:
    @fuzz(EXAMPLES)
    @given(data=format_inputs())
    def one(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = _file(folder, "mine.toml", data)
            cid, before = f"f{next(ids)}", heads(db)
            made = pursuit("new", cid, "--title", "T", "--format", path, "--db", db)
            refused_or_shown(db, cid, before, made)

    one()


@pytest.mark.slow
def test_entries_import_of_a_mutated_csv(db: str) -> None:
    @fuzz(EXAMPLES)
    @given(data=csv_inputs())
    def one(data: bytes) -> None:
        cid = f"e{next(ids)}"
        made = pursuit("new", cid, "--title", "T", "--format", "uci-individual-pursuit", "--db", db)
        assert made.exit_code == 0
        with tempfile.TemporaryDirectory() as folder:
            path = _file(folder, "entries.csv", data)
            before = heads(db)
            done = pursuit("entries", "import", path, "--db", db, "-c", cid)
            refused_or_shown(db, cid, before, done)

    one()
