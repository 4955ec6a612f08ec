"""Commands that read a competition and print its results: show, classify, export, check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pursuit.app.file_results import Computed, compute_file
from pursuit.cli.database import COMPETITION, DB, competition_id, service
from pursuit.cli.errors import EXIT_FINDINGS, EXIT_OK, user_errors
from pursuit.core.competition import is_iso_date
from pursuit.core.decisions import Cutoff
from pursuit.errors import PursuitError

if TYPE_CHECKING:
    from rich.console import Console

FILE = typer.Argument(
    None,
    help="A competition file (TOML), e.g. examples/mexico-1968-men-individual-pursuit.toml.",
    show_default=False,
)


AS_OF = typer.Option(
    None,
    "--as-of",
    help="A day, YYYY-MM-DD: results with the decisions dated on or before it (undated "
    "ones too); before the first decision, the race as ridden. Or a whole number N: "
    "results as they stood after event N of the log (with --db).",
    show_default=False,
)
DECISIONS = typer.Option(
    None,
    "--decisions",
    min=0,
    help="Apply only the first N decisions, in the order taken; 0: the race as ridden.",
    show_default=False,
)


def computed_for(
    file: Path | None,
    db: str | None,
    competition: str | None,
    as_of: str | None,
    decisions: int | None = None,
) -> Computed:
    """The results of a competition file, or of a competition in the database."""
    position, cutoff = read_as_of(as_of, decisions)
    if file is not None:
        if position is not None:
            raise UsageProblem(
                "--as-of N reads an event log: use it with --db, or give a day (YYYY-MM-DD)"
            )
        return compute_file(file, cutoff)
    from pursuit.app.as_of import decided_as_of
    from pursuit.core.engine import compute
    from pursuit.views.results import build_view

    svc = service(db)
    cid = competition_id(svc, competition)
    if cutoff is None:
        model = svc.existing(cid, position).competition()
    else:
        model = decided_as_of(svc, cid, cutoff, position)
    results = compute(model)
    return Computed(results, results.findings, build_view(results))


def read_as_of(as_of: str | None, decisions: int | None) -> tuple[int | None, Cutoff | None]:
    """`--as-of` and `--decisions` as a log position and a cutoff of the decisions."""
    position: int | None = None
    day: str | None = None
    if as_of is not None:
        text = as_of.strip()
        if text.isdigit():
            position = int(text)
        elif is_iso_date(text):
            day = text
        else:
            raise UsageProblem(
                f"--as-of takes a day written YYYY-MM-DD or a log position; got {as_of!r}"
            )
    if day is None and decisions is None:
        return position, None
    return position, Cutoff(day, decisions)


class UsageProblem(PursuitError):
    """Options that do not go together."""


def _console() -> Console:
    from rich.console import Console

    from pursuit.cli.terminal import PLAIN_WIDTH

    return Console(width=None if sys.stdout.isatty() else PLAIN_WIDTH, highlight=False)


@user_errors
def show(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    as_of: str | None = AS_OF,
    decisions: int | None = DECISIONS,
) -> None:
    """Print every round's table and the final classification."""
    from pursuit.cli.terminal import print_plain, print_results, takes_plain_text

    computed = computed_for(file, db, competition, as_of, decisions)
    if takes_plain_text() and print_plain(computed.view):
        return  # no Rich console made: its import alone is ~25 ms of a blink
    print_results(_console(), computed.view)


@user_errors
def classify(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    as_of: str | None = AS_OF,
    decisions: int | None = DECISIONS,
    as_json: bool = typer.Option(False, "--json", help="Machine output (JSON)."),
) -> None:
    """Print the final classification (or, with --json, every round and the classification)."""
    from pursuit.export.json_export import render

    computed = computed_for(file, db, competition, as_of, decisions)
    if as_json:  # compact, as `export --to json` writes it
        sys.stdout.write(render(computed.view))
    else:
        from pursuit.cli.terminal import classification_table

        _console().print(classification_table(computed.view.classification))


@user_errors
def export(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    as_of: str | None = AS_OF,
    decisions: int | None = DECISIONS,
    to: str = typer.Option(..., "--to", help="markdown, wikitext, csv, json or odf (XML)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of standard output."
    ),
) -> None:
    """Write the results tables as Markdown, wikitext, CSV, JSON or ODF XML."""
    from pursuit.export import render

    computed = computed_for(file, db, competition, as_of, decisions)
    text = render(computed.view, to, computed.results)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, "utf-8")
        print(f"wrote {output}", file=sys.stderr)


@user_errors
def check(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    as_json: bool = typer.Option(False, "--json", help="Findings as JSON."),
) -> None:
    """List every inconsistency with its place (file:line).

    Exit status: 0 clean, 1 inconsistencies found, 2 unusable input.
    """
    computed = computed_for(file, db, competition, None)
    findings = sorted(computed.findings, key=lambda f: (f.place.line or 0) if f.place else 0)
    if as_json:
        import json  # only here: `check` without --json never needs it

        print(
            json.dumps(
                [
                    {"code": f.code, "message": f.message, "place": str(f.place or "")}
                    for f in findings
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
    else:
        for f in findings:
            print(f"{f.place}: {f.message} [{f.code}]" if f.place else f"{f.message} [{f.code}]")
        rides = sum(len(r) for r in computed.results.competition.rides.values())
        entrants = len(computed.results.competition.entrants)
        name = file or "the competition"
        summary = (
            f"{name}: {len(findings)} inconsistenc{'y' if len(findings) == 1 else 'ies'}"
            if findings
            else f"{name}: clean ({entrants} entrants, {rides} rides checked)"
        )
        print(summary, file=sys.stderr if findings else sys.stdout)
    raise typer.Exit(EXIT_FINDINGS if findings else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command()(show)
    app.command()(classify)
    app.command()(export)
    app.command()(check)
