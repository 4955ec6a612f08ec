"""`pursuit user token revoke`, `disable`, `enable` and `token --expires-in`: access taken back
from the command line, refusals said in one line with exit 2."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pursuit.cli.main import app
from pursuit.operators.passwords import PasswordCost, Passwords
from pursuit.operators.registry import AccessRefused, Operators
from pursuit.store.open import open_store

runner = CliRunner()
FAST = Passwords(PasswordCost(time_cost=1, memory_kib=8, parallelism=1))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    for name in ("tina", "tom"):
        ops(url).add(name, "timekeeper", "a secret password", "setup")
    return url


def ops(db: str) -> Operators:
    return Operators(open_store(db), FAST, lambda: datetime.now(UTC).isoformat())


def token(db: str, *more: str) -> str:
    issued = runner.invoke(app, ["user", "token", "tina", "--db", db, *more])
    assert issued.exit_code == 0, issued.output
    return issued.stdout.strip()


def test_a_token_is_issued_for_thirty_days_or_the_days_asked_for(db: str) -> None:
    default = runner.invoke(app, ["user", "token", "tina", "--db", db])
    assert default.exit_code == 0 and default.stdout.startswith("pst_")
    until = datetime.fromisoformat(default.stderr.split("expires ")[1].strip())
    assert timedelta(days=29) < until - datetime.now(UTC) <= timedelta(days=30)
    short = runner.invoke(app, ["user", "token", "issue", "tina", "--expires-in", "2", "--db", db])
    assert short.exit_code == 0
    until = datetime.fromisoformat(short.stderr.split("expires ")[1].strip())
    assert timedelta(days=1) < until - datetime.now(UTC) <= timedelta(days=2)
    never = runner.invoke(app, ["user", "token", "tina", "--expires-in", "0", "--db", db])
    assert never.exit_code == 2 and "error: a token lasts 1 to 3660 days" in never.output


@pytest.mark.slow
def test_revoking_every_token_of_an_operator_or_one(db: str) -> None:
    first, second, third = token(db), token(db), token(db)
    one = runner.invoke(app, ["user", "token", "revoke", "tina", "--token", first, "--db", db])
    assert one.exit_code == 0 and one.stdout == "1 token of tina revoked\n"
    again = runner.invoke(app, ["user", "token", "revoke", "tina", "--token", first, "--db", db])
    assert again.exit_code == 2 and "error: no such token of 'tina'" in again.output
    assert "Traceback" not in again.output
    of_tom = runner.invoke(app, ["user", "token", "revoke", "tom", "--token", second, "--db", db])
    assert of_tom.exit_code == 2  # not tom's token: nothing revoked
    assert ops(db).token_user(second).name == "tina"
    every = runner.invoke(app, ["user", "token", "revoke", "tina", "--db", db])
    assert every.exit_code == 0 and every.stdout == "2 tokens of tina revoked\n"
    for gone in (first, second, third):
        with pytest.raises(AccessRefused):
            ops(db).token_user(gone)
    ghost = runner.invoke(app, ["user", "token", "revoke", "ghost", "--db", db])
    assert ghost.exit_code == 2 and "error: no user 'ghost'" in ghost.output


def test_disabling_and_enabling_an_operator(db: str) -> None:
    kept = token(db)
    disabled = runner.invoke(app, ["user", "disable", "tina", "--db", db])
    assert disabled.exit_code == 0 and "tina is disabled" in disabled.stdout
    listed = runner.invoke(app, ["user", "list", "--db", db])
    assert listed.stdout == "tina\ttimekeeper\tdisabled\ntom\ttimekeeper\n"
    assert ops(db).authenticate("tina", "a secret password") is None
    with pytest.raises(AccessRefused):
        ops(db).token_user(kept)
    twice = runner.invoke(app, ["user", "disable", "tina", "--db", db])
    assert twice.exit_code == 2 and "error: user 'tina' is disabled" in twice.output
    refused = runner.invoke(app, ["user", "token", "tina", "--db", db])
    assert refused.exit_code == 2 and "error: user 'tina' is disabled" in refused.output
    enabled = runner.invoke(app, ["user", "enable", "tina", "--db", db])
    assert enabled.exit_code == 0 and "tina may log in again" in enabled.stdout
    assert ops(db).authenticate("tina", "a secret password") is not None
    not_disabled = runner.invoke(app, ["user", "enable", "tom", "--db", db])
    assert not_disabled.exit_code == 2 and "is not disabled" in not_disabled.output


@pytest.mark.slow
def test_a_password_change_from_the_command_line_revokes_the_tokens(db: str) -> None:
    kept = token(db)
    changed = runner.invoke(
        app, ["user", "password", "tina", "--password-stdin", "--db", db], input="new password\n"
    )
    assert changed.exit_code == 0, changed.output
    with pytest.raises(AccessRefused):
        ops(db).token_user(kept)
