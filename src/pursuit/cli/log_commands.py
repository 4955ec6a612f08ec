"""Commands that create, fill, move and show a competition's event log."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from pursuit.app.creation import create_command
from pursuit.app.describe import describe
from pursuit.app.entries import commands_from_csv
from pursuit.app.ids import is_reserved
from pursuit.app.importing import commands_from_file
from pursuit.app.log_files import by_command, read_jsonl, write_jsonl
from pursuit.app.toml_writer import competition_text
from pursuit.cli.database import ACTOR, COMPETITION, DB, actor, competition_id, say, service
from pursuit.cli.errors import user_errors
from pursuit.cli.help_format import WholeHelpGroup
from pursuit.errors import PursuitError
from pursuit.loading.format_files import format_definition, preset_names

entries_app = typer.Typer(
    cls=WholeHelpGroup, help="Manage the entries of a competition.", no_args_is_help=True
)


@user_errors
def new(
    competition: str = typer.Argument(
        ..., help="An id for the competition, e.g. worlds-2026-men-ip.", show_default=False
    ),
    title: str = typer.Option(..., "--title", show_default=False),
    format_name: str = typer.Option(
        ...,
        "--format",
        help="A preset (" + ", ".join(preset_names()) + ") or a format file.",
        show_default=False,
    ),
    distance: int = typer.Option(4000, "--distance", help="Metres."),
    track: float = typer.Option(250.0, "--track", help="Track length in metres."),
    venue: str | None = typer.Option(None, "--venue", show_default=False),
    date: list[str] = typer.Option(
        [], "--date", help="A day of competition (repeat).", show_default=False
    ),
    gender: str | None = typer.Option(None, "--gender", show_default=False),
    event: str | None = typer.Option(
        None,
        "--event",
        help="What is ridden (default: team pursuit for a team format, else individual pursuit).",
        show_default=False,
    ),
    olympic: bool = typer.Option(
        False,
        "--olympic",
        help="The Olympic Games: Olympic records apply as well as world records.",
    ),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Create a competition in the database."""
    if is_reserved(competition):
        raise PursuitError("ids starting with '_' are reserved; choose another")
    definition = format_definition(format_name, Path.cwd())
    name = format_name if format_name in preset_names() else str(definition.get("name"))
    svc = service(db, create=True)
    command = create_command(
        name,
        definition,
        title,
        event=event,
        gender=gender,
        distance_m=distance,
        track_length_m=track,
        venue=venue,
        dates=tuple(date),
        records=("WR", "OR") if olympic else ("WR",),
    )
    done = svc.handle(competition, command, actor(who))
    say(f"created {competition} (event {done.stored[-1].position})")


@entries_app.command("import")
@user_errors
def entries_import(
    file: Path = typer.Argument(
        ...,
        help="CSV with a header: name, nation, family_name, bib, "
        "seed_time, roster (team riders separated by ';').",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Register entrants from a CSV file. Every line is checked first; nothing is
    registered unless all lines are good. A nation is an IOC code (historic ones too) or
    one the competition declares under [nations] in its file."""
    svc = service(db)
    cid = competition_id(svc, competition)
    meta = svc.existing(cid).meta
    commands = commands_from_csv(file, meta.nations if meta is not None else ())
    done = svc.handle(cid, commands, actor(who))
    say(f"registered {len(done.stored)} entrants from {file}")


@user_errors
def import_(
    file: Path = typer.Argument(
        ...,
        help="A competition file (.toml) or an event log (.jsonl) written by export-log.",
        show_default=False,
    ),
    competition: str | None = typer.Option(
        None,
        "--competition",
        "-c",
        help="Id to import as (default: from the file name).",
        show_default=False,
    ),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Import a whole competition: a .toml file in one atomic write, a .jsonl log command
    by command (every line is checked first)."""
    cid = competition or file.name.removesuffix(".jsonl").removesuffix(".toml")
    if is_reserved(cid):
        raise PursuitError("ids starting with '_' are reserved; choose another")
    svc = service(db, create=True)
    if svc.store.head(cid):
        raise PursuitError(
            f"the database already holds a competition {cid!r}; "
            "choose another id with --competition"
        )
    if file.suffix == ".jsonl":
        count = 0
        for group in by_command(read_jsonl(file)):  # every line is checked before this
            count += len(svc.store.append(cid, count, group))
    else:
        count = len(svc.handle(cid, commands_from_file(file), actor(who)).stored)
    say(f"imported {file} as {cid}: {count} events")


@user_errors
def export_log(
    to: str = typer.Option(
        "jsonl",
        "--to",
        help="jsonl: every event with who and when; "
        "toml: a competition file of the results as they stand.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", show_default=False),
    db: str | None = DB,
    competition: str | None = COMPETITION,
) -> None:
    """Write a competition out of the database: its whole log, or a competition file."""
    svc = service(db)
    cid = competition_id(svc, competition)
    state = svc.existing(cid)
    if to == "jsonl":
        text = write_jsonl(svc.history(cid))
    elif to == "toml":
        created = next(iter(svc.history(cid)))  # the log's first event holds the format
        text = competition_text(
            state.competition(),
            state.format_name,
            f"Exported from the event log of {cid} at event {state.position}.",
            created.data["format_definition"],
        )
    else:
        raise PursuitError(f"--to is jsonl or toml, not {to!r}")
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, "utf-8")
        except OSError as e:
            raise PursuitError(f"cannot write {output}: {e.strerror or e}") from e
        say(f"wrote {output}")


@user_errors
def log(
    as_json: bool = typer.Option(False, "--json", help="One JSON object per event."),
    db: str | None = DB,
    competition: str | None = COMPETITION,
) -> None:
    """Show the history: every event with its position, time, who, and what."""
    svc = service(db)
    cid = competition_id(svc, competition)
    for e in svc.history(cid):
        if as_json:
            print(
                json.dumps(
                    {
                        "position": e.position,
                        "type": e.type,
                        "version": e.version,
                        "recorded_at": e.recorded_at,
                        "actor": e.actor,
                        "command_id": e.command_id,
                        "data": e.data,
                    },
                    ensure_ascii=False,
                    separators=(",", ":"),  # JSON Lines, for programs
                )
            )
        else:
            print(
                f"{e.position:>5}  {e.recorded_at[:19]}  {e.actor:<12}  {describe(e.type, e.data)}"
            )


def register(app: typer.Typer) -> None:
    app.command()(new)
    app.add_typer(entries_app, name="entries")
    app.command("import")(import_)
    app.command("export-log")(export_log)
    app.command()(log)
