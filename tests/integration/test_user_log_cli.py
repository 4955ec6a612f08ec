"""`pursuit log` on the operators' log shows who changed what, never a hash or a token digest."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pursuit.cli.main import app

runner = CliRunner()


def test_the_operators_log_is_shown_without_password_hashes_or_token_digests(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    added = runner.invoke(
        app,
        ["user", "add", "tina", "--role", "admin", "--password-stdin", "--db", db],
        input="a secret password\n",
    )
    assert added.exit_code == 0, added.output
    assert runner.invoke(app, ["user", "token", "tina", "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["log", "--competition", "_users", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "UserCreated name=tina, role=admin" in shown.output
    assert "TokenIssued name=tina" in shown.output
    assert "argon2" not in shown.output and "token_sha256" not in shown.output
    assert "password_hash" not in shown.output
