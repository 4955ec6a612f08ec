"""The pages of the published site, each a template and its context, made from the same sheet
data as the PDFs (so a page and its sheet never disagree); the sheets typeset the read models of
`pursuit.views` (start list, round results, classification, heat sheet) and the site's rounds
come from the results view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pursuit.sheets.sheet import Sheet, competition_data, status_data
from pursuit.sheets.source import SheetSource

DOWNLOADS = (
    ("pdf/all-sheets.pdf", "Every sheet in one PDF"),
    ("results.json", "Results as JSON"),
    ("results.md", "Results as Markdown"),
    ("results.wiki", "Results as wikitext"),
    ("results.csv", "Results as CSV"),
)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site folder
    template: str
    context: dict[str, Any]


def chart_path(key: str) -> str:
    return f"charts/{key}.svg"


def pdf_path(sheet: Sheet) -> str:
    return f"pdf/{sheet.name}.pdf"


def html_path(sheet: Sheet) -> str:
    return f"{sheet.name}.html"


def site_pages(source: SheetSource, sheets: Sequence[Sheet]) -> list[Page]:
    view = source.computed.view
    by_name = {s.name: s for s in sheets}
    rounds = _rounds(source, by_name)
    common = {"competition": competition_data(view.competition), "rounds": rounds}
    pages = [
        Page(
            "index.html",
            "index.html.j2",
            {
                **common,
                "page_title": "Overview",
                "status": status_data(source.official.competition),
                "format": view.competition.format_title,
                "downloads": [{"href": h, "label": label} for h, label in DOWNLOADS],
                "pdf": "",
            },
        )
    ]
    for sheet in sheets:
        data = dict(sheet.data)
        context: dict[str, Any] = {
            **common,
            "page_title": data["title"],
            "status": data["status"],
            "pdf": pdf_path(sheet),
            "charts": [{"src": chart_path(k), "alt": _alt(k, data)} for k in sheet.images],
            "heats": [],
        }
        round_id = sheet.name.split("-")[-1]
        if sheet.kind == "start-list":
            data["heats"] = [
                {**h, "href": _href(by_name, f"heat-{round_id}-{h['number']}")}
                for h in data["heats"]
            ]
        if sheet.kind in ("round", "classification"):
            data["groups"] = [
                {**g, "href": _href(by_name, f"heat-{round_id}-{g.get('number', 0)}")}
                for g in data["groups"]
            ]
            data.setdefault("findings", [])
            data.setdefault("format", "")
            context["heats"] = next((r["heats"] for r in rounds if r["id"] == round_id), [])
        template = {"start-list": "start_list.html.j2", "heat": "heat.html.j2"}.get(
            sheet.kind, "table.html.j2"
        )
        pages.append(Page(html_path(sheet), template, {**context, "sheet": data}))
    return pages


def _rounds(source: SheetSource, by_name: dict[str, Sheet]) -> list[dict[str, Any]]:
    """Each round of the results view with its pages: start list, results, heats."""
    rounds = []
    for rnd in source.computed.view.rounds:
        start = by_name.get(f"start-list-{rnd.id}")
        results = by_name.get(f"results-{rnd.id}")
        heats = [
            s for s in by_name.values() if s.kind == "heat" and s.name.startswith(f"heat-{rnd.id}-")
        ]
        if not (start or results or heats):
            continue
        rounds.append(
            {
                "id": rnd.id,
                "name": rnd.name,
                "status": status_data(source.official.of_round(rnd.id)),
                "start": html_path(start) if start else "",
                "results": html_path(results) if results else "",
                "heats": [{"href": html_path(h), "label": h.name.split("-")[-1]} for h in heats],
            }
        )
    return rounds


def _href(by_name: dict[str, Sheet], name: str) -> str:
    sheet = by_name.get(name)
    return html_path(sheet) if sheet is not None else ""


def _alt(key: str, data: dict[str, Any]) -> str:
    kind = key.rsplit("-", 1)[-1]
    what = {
        "gap": "Gap between the riders at each half lap",
        "laps": "Lap times of both riders",
        "chart": "Times in ranking order with the qualification line",
        "bracket": "Knockout bracket",
    }.get(kind, "Chart")
    return f"{what}: {data['title']}"
