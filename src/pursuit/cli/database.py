"""Where the CLI keeps competitions: --db URL (or PURSUIT_DATABASE_URL), --competition ID.

The service and the stores are imported when a command asks for them, so a command that
reads a file never loads them; every store opened here is closed by `close_stores`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from pursuit.app.service import CompetitionService
    from pursuit.store.base import EventStore

DEFAULT_DB = "sqlite:///pursuit.db"

DB = typer.Option(
    None,
    "--db",
    help="Event store URL: sqlite:///file.db (default "
    f"{DEFAULT_DB}, or $PURSUIT_DATABASE_URL), postgresql://…, memory://.",
    show_default=False,
)
COMPETITION = typer.Option(
    None,
    "--competition",
    "-c",
    help="Competition id (default: the only one in the database).",
    show_default=False,
)
ACTOR = typer.Option(
    None,
    "--actor",
    help="Who is doing this (default $PURSUIT_ACTOR or your login name); every event records it.",
    show_default=False,
)


def db_url(db: str | None) -> str:
    return db or os.environ.get("PURSUIT_DATABASE_URL") or DEFAULT_DB


def service(db: str | None, create: bool = False) -> CompetitionService:
    """The competitions in the store `db` names. Only commands that make a competition
    (`create`) may make a new SQLite file: a mistyped path is an error, not an empty database."""
    from pursuit.app.service import CompetitionService
    from pursuit.store.open import open_store

    store = open_store(db_url(db), create)
    _opened.append(store)
    return CompetitionService(store)


_opened: list[EventStore] = []  # by `service`, in this process, not yet closed


def close_stores() -> None:
    """Close every store `service` opened (when the command is over)."""
    while _opened:
        _opened.pop().close()


def actor(name: str | None) -> str:
    chosen = name or os.environ.get("PURSUIT_ACTOR")
    if chosen:
        return chosen
    import getpass  # only for commands that record who acted (it brings in termios)

    return getpass.getuser()


def competition_id(svc: CompetitionService, given: str | None) -> str:
    from pursuit.app.service import UnknownCompetition

    if given:
        return given
    known = svc.competitions()
    if len(known) == 1:
        return known[0]
    if not known:
        raise UnknownCompetition(
            "the database holds no competition yet: create one with "
            "`pursuit new` or `pursuit import FILE`"
        )
    raise UnknownCompetition(
        f"the database holds several competitions ({', '.join(known)}); "
        "choose one with --competition"
    )


def say(text: str) -> None:
    print(text, file=sys.stdout, flush=True)
