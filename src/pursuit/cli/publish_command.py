"""`pursuit publish`: a static results site (HTML, PDFs, charts, exports) in a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pursuit.cli.database import COMPETITION, DB, competition_id, service
from pursuit.cli.errors import user_errors
from pursuit.cli.results_commands import FILE, UsageProblem


@user_errors
def publish(
    file: Path | None = FILE,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Draw the charts."),
    to: Path = typer.Option(..., "--to", help="The folder to publish into.", show_default=False),
) -> None:
    """Publish the competition as a static site: an overview, a page per start list, heat and
    round, the classification, the charts, every PDF sheet, and the JSON, Markdown, wikitext
    and CSV exports. Links are relative: copy the folder to any web server."""
    from pursuit.publish.site import publish as write_site
    from pursuit.sheets.source import from_competition_file, from_store

    if file is not None and (db is not None or competition is not None):
        raise UsageProblem("give a competition file or --db/--competition, not both")
    if to.exists() and not to.is_dir():
        raise UsageProblem(f"--to {to} is a file; give a folder")
    if file is not None:
        source = from_competition_file(file)
    else:
        svc = service(db)
        source = from_store(svc, competition_id(svc, competition))
    written = write_site(source, to, charts)
    pages = sum(1 for p in written if p.suffix == ".html")
    pdfs = sum(1 for p in written if p.suffix == ".pdf")
    print(
        f"published {pages} pages, {pdfs} PDFs into {to}/ (open {to}/index.html)", file=sys.stderr
    )


def register(app: typer.Typer) -> None:
    app.command()(publish)
