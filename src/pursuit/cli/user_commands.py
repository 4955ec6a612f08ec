"""`pursuit user …`: operators of the console and the API, and their tokens.

`pursuit user token NAME` issues a token (short for `pursuit user token issue NAME`);
`pursuit user token revoke NAME` takes them back.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer

from pursuit.cli.database import ACTOR, DB, actor, db_url, say
from pursuit.cli.errors import user_errors
from pursuit.cli.help_format import WholeHelpGroup
from pursuit.operators.state import MAX_TOKEN_DAYS, TOKEN_DAYS

if TYPE_CHECKING:
    from pursuit.operators.registry import Operators

users_app = typer.Typer(
    cls=WholeHelpGroup,
    name="user",
    help="Operators: add, change role or password, issue and revoke API tokens, disable, list.",
    no_args_is_help=True,
)


class _IssueByDefault(WholeHelpGroup):
    """`pursuit user token NAME …` means `pursuit user token issue NAME …`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's click Context
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["issue", *args]
        return super().parse_args(ctx, args)


tokens_app = typer.Typer(
    name="token",
    cls=_IssueByDefault,
    help="API tokens: `token NAME` issues one (as `token issue NAME`); `token revoke NAME` "
    "takes them back.",
    no_args_is_help=True,
)
users_app.add_typer(tokens_app)
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
    """Set a new password (the operator's console sessions end, their API tokens are revoked)."""
    _users(db).set_password(name, _password(password_stdin), actor(who))
    say(f"password of {name} changed")


@tokens_app.command("issue")
@user_errors
def issue(
    name: str = NAME,
    expires_in: int = typer.Option(
        TOKEN_DAYS,
        "--expires-in",
        help=f"Days the token lasts (1 to {MAX_TOKEN_DAYS}).",
        metavar="DAYS",
    ),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Issue an API token (printed once; only its hash is kept; its expiry goes to stderr)."""
    issued = _users(db).grant_token(name, actor(who), expires_in)
    say(issued.token)
    typer.echo(f"token of {name} expires {issued.expires_at}", err=True)


@tokens_app.command("revoke")
@user_errors
def revoke(
    name: str = NAME,
    one: str | None = typer.Option(
        None,
        "--token",
        help="Revoke only this token of NAME (default: every one).",
        show_default=False,
    ),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Revoke NAME's API tokens: they stop working at once, in every server."""
    users = _users(db)
    if one is not None:
        users.revoke_token(one, actor(who), name)
        say(f"1 token of {name} revoked")
        return
    count = users.revoke_tokens(name, actor(who))
    say(f"{count} token{'' if count == 1 else 's'} of {name} revoked")


@users_app.command("disable")
@user_errors
def disable(name: str = NAME, db: str | None = DB, who: str | None = ACTOR) -> None:
    """Stop NAME logging in: their console sessions end and their API tokens are revoked."""
    _users(db).disable(name, actor(who))
    say(f"{name} is disabled: sessions ended, tokens revoked")


@users_app.command("enable")
@user_errors
def enable(name: str = NAME, db: str | None = DB, who: str | None = ACTOR) -> None:
    """Let a disabled operator log in again (their old tokens stay revoked)."""
    _users(db).enable(name, actor(who))
    say(f"{name} may log in again")


@users_app.command("list")
@user_errors
def list_users(db: str | None = DB) -> None:
    """Every operator and role ("disabled" after a disabled one)."""
    for user in _users(db).all():
        say(f"{user.name}\t{user.role.value}" + ("\tdisabled" if user.disabled else ""))


def register(app: typer.Typer) -> None:
    app.add_typer(users_app)
