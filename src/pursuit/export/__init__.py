"""Exporters: one module per output format, each `render(view) -> str`.

`EXPORTERS` maps a format's name to its renderer; `render(view, to)` picks one by name
and refuses an unknown name with a `PursuitError` that lists the known ones. ODF also takes the
computed results, for each ride's outcome and splits (`views.feed_facts`).
"""

from __future__ import annotations

from collections.abc import Callable

from pursuit.core.results import Results
from pursuit.errors import PursuitError
from pursuit.export import csv_export, json_export, markdown, odf, wikitext
from pursuit.views.feed_facts import feed_facts
from pursuit.views.results import ResultsView

Exporter = Callable[[ResultsView], str]

EXPORTERS: dict[str, Exporter] = {
    "markdown": markdown.render,
    "wikitext": wikitext.render,
    "csv": csv_export.render,
    "json": json_export.render,
    "odf": odf.render,
}


def render(view: ResultsView, to: str, results: Results | None = None) -> str:
    """`view` in the format named `to`; `results`: what `view` was built from."""
    exporter = EXPORTERS.get(to)
    if exporter is None:
        known = ", ".join(sorted(EXPORTERS))
        raise PursuitError(f"unknown export format {to!r}; known formats: {known}")
    if to == "odf" and results is not None:
        return odf.render(view, feed_facts(results))
    return exporter(view)


__all__ = ["EXPORTERS", "Exporter", "render"]
