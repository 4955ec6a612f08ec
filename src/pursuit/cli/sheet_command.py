"""`pursuit sheet`: PDF result sheets of a competition file or a competition in the database."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pursuit.cli.database import COMPETITION, DB, competition_id, service
from pursuit.cli.errors import user_errors
from pursuit.cli.results_commands import FILE, UsageProblem

KIND_NAMES = {
    "start-list": "start-list",
    "heat": "heat",
    "results": "round",
    "classification": "classification",
}


@user_errors
def sheet(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    round_id: str | None = typer.Option(
        None,
        "--round",
        "-r",
        help="Only this round's sheets (a round id, e.g. QF).",
        show_default=False,
    ),
    heat: int | None = typer.Option(
        None, "--heat", help="Only the sheet of this heat of --round.", show_default=False
    ),
    kind: list[str] = typer.Option(
        [],
        "--kind",
        help="Only sheets of this kind (repeat): start-list, heat, results, classification.",
        show_default=False,
    ),
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Draw the charts."),
    to: Path = typer.Option(
        ...,
        "--to",
        help="A .pdf file (the sheets in one document) or a folder (one PDF per sheet).",
        show_default=False,
    ),
) -> None:
    """Write PDF result sheets: start lists, heat sheets, round results, final classification.

    Every page carries the competition header, PROVISIONAL or OFFICIAL (and since when),
    and "page X of Y". The results sheets end with the chief commissaire's signature line.
    """
    from pursuit.sheets.plan import KINDS, sheets_for
    from pursuit.sheets.source import from_competition_file, from_store
    from pursuit.sheets.writer import write_each, write_pdf

    unknown = [k for k in kind if k not in KIND_NAMES]
    if unknown:
        raise UsageProblem(f"unknown --kind {unknown[0]!r}; known: {', '.join(KIND_NAMES)}")
    if file is not None and (db is not None or competition is not None):
        raise UsageProblem("give a competition file or --db/--competition, not both")
    if file is not None:
        source = from_competition_file(file)
    else:
        svc = service(db)
        source = from_store(svc, competition_id(svc, competition))
    kinds = tuple(KIND_NAMES[k] for k in kind) or KINDS
    sheets = sheets_for(source, round_id, heat, kinds, charts)
    if not sheets:
        raise UsageProblem("nothing to print: no sheet matches")
    header = source.computed.view.competition
    if to.suffix.lower() == ".pdf":
        written = [write_pdf(header, sheets, to)]
    else:
        written = write_each(header, sheets, to)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command()(sheet)
