"""`pursuit user …`: operators of the console and the API, and their tokens."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from pursuit.cli.database import ACTOR, DB, actor, db_url, say
from pursuit.cli.errors import user_errors

if TYPE_CHECKING:
    from pursuit.operators.registry import Operators

users_app = typer.Typer(
    name="user",
    help="Operators: add, change role or password, issue API tokens, list.",
    no_args_is_help=True,
)
NAME = typer.Argument(..., help="The operator's login name.", show_default=False)
PASSWORD_STDIN = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of stdin."
)


def _users(db: str | None) -> Operators:
    from pursuit.app.service import utc_now
    from pursuit.operators.passwords import PasswordCost, Passwords
    from pursuit.operators.registry import Operators
    from pursuit.store.open import open_store

    return Operators(open_store(db_url(db)), Passwords(PasswordCost()), utc_now)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
@user_errors
def add(
    name: str = NAME,
    role: str = typer.Option(
        ..., "--role", help="timekeeper, commissaire or admin.", show_default=False
    ),
    password_stdin: bool = PASSWORD_STDIN,
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Add an operator; the password is asked for (or read from stdin) and stored hashed."""
    user = _users(db).add(name, role, _password(password_stdin), actor(who))
    say(f"user {user.name} added as {user.role.value}")


@users_app.command("role")
@user_errors
def role(
    name: str = NAME,
    new_role: str = typer.Argument(..., help="timekeeper, commissaire or admin."),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Change an operator's role."""
    _users(db).set_role(name, new_role, actor(who))
    say(f"{name} is now {new_role}")


@users_app.command("password")
@user_errors
def password(
    name: str = NAME,
    password_stdin: bool = PASSWORD_STDIN,
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Set a new password (the operator's open console sessions end)."""
    _users(db).set_password(name, _password(password_stdin), actor(who))
    say(f"password of {name} changed")


@users_app.command("token")
@user_errors
def token(name: str = NAME, db: str | None = DB, who: str | None = ACTOR) -> None:
    """Issue an API token (printed once; only its hash is kept)."""
    say(_users(db).issue_token(name, actor(who)))


@users_app.command("list")
@user_errors
def list_users(db: str | None = DB) -> None:
    """Every operator and role."""
    for user in _users(db).all():
        say(f"{user.name}\t{user.role.value}")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app)
