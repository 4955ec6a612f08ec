"""Jinja2 set up for the pages: autoescaping, strict undefined names, and rendering one block
of a page on its own (the live fragment a viewer swaps in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import jinja2

from pursuit.views.known import decided_by_words

STATUS_LABELS = {
    "official": "Official",
    "provisional": "Provisional",
    "running": "Running now",
    "drawn": "Drawn",
    "to come": "To come",
    "to ride": "To ride",
    "finished": "Finished",
    "to be decided": "To be decided",
}


def _metres(value: float) -> str:
    return f"{value:g} m"


def _long_date(value: str) -> str:
    """2026-05-01 as "1 May 2026"; anything else as written."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def _date_span(dates: Sequence[str]) -> str:
    """("1968-10-17", "1968-10-18") as "17–18 October 1968"; other text as written."""
    try:
        days = [date.fromisoformat(d) for d in dates]
    except ValueError:
        return ", ".join(dates)
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return _long_date(first.isoformat())
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{_long_date(first.isoformat())} – {_long_date(last.isoformat())}"


class Renderer:
    def __init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("pursuit.web", "templates"),
            autoescape=jinja2.select_autoescape(("html",), default=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["metres"] = _metres
        self.env.filters["long_date"] = _long_date
        self.env.filters["date_span"] = _date_span
        self.env.filters["decided_by"] = decided_by_words  # how a heat was decided, in words
        self.env.globals["status_label"] = lambda s: STATUS_LABELS.get(s, s.capitalize())
        # macros every page, and every page's live fragment, may use
        for library in ("_badge.html", "_lineup.html", "_rounds_nav.html", "_rows_table.html"):
            module = self.env.get_template(library).module
            for name in dir(module):
                if not name.startswith("_"):
                    self.env.globals[name] = getattr(module, name)

    def page(self, name: str, context: dict[str, Any]) -> str:
        return self.env.get_template(name).render(context)

    def block(self, name: str, block: str, context: dict[str, Any]) -> str:
        template = self.env.get_template(name)
        render = template.blocks[block]
        return "".join(render(template.new_context(dict(context))))
