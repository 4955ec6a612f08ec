"""Publish a competition as a static site in a folder: HTML pages, style sheet, charts (SVG),
PDF sheets (one per sheet and all in one) and the exports. Every link is relative, so the
folder can be copied to any web server or opened from disk; no page needs JavaScript."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from pursuit.export import render
from pursuit.publish.pages import chart_path, site_pages
from pursuit.sheets.plan import sheets_for
from pursuit.sheets.source import SheetSource
from pursuit.sheets.writer import write_each, write_pdf

EXPORTS = (
    ("results.json", "json"),
    ("results.md", "markdown"),
    ("results.wiki", "wikitext"),
    ("results.csv", "csv"),
)


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("pursuit.publish", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def publish(source: SheetSource, folder: Path, charts: bool = True) -> list[Path]:
    """Write the site into `folder` (made if missing; files of the same names are replaced).
    Returns every file written."""
    sheets = sheets_for(source, charts=charts)
    header = source.computed.view.competition
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
        written.append(path)

    for sheet in sheets:
        for key, svg in sheet.images.items():
            write(chart_path(key), svg)
    written += write_each(header, sheets, folder / "pdf")
    written.append(write_pdf(header, sheets, folder / "pdf" / "all-sheets.pdf"))
    for name, to in EXPORTS:
        write(name, render(source.computed.view, to))
    style = resources.files("pursuit.publish") / "templates" / "style.css"
    write("style.css", style.read_text("utf-8"))
    env = environment()
    for page in site_pages(source, sheets):
        write(page.path, env.get_template(page.template).render(**page.context))
    return written
