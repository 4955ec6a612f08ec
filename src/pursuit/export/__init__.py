"""Exporters: one module per output format, each `render(view) -> str`.

`EXPORTERS` maps a format's name to its renderer; `render(view, to)` picks one by name
and refuses an unknown name with a `PursuitError` that lists the known ones.
"""

from __future__ import annotations

from collections.abc import Callable

from pursuit.errors import PursuitError
from pursuit.export import csv_export, json_export, markdown, wikitext
from pursuit.views.results import ResultsView

Exporter = Callable[[ResultsView], str]

EXPORTERS: dict[str, Exporter] = {
    "markdown": markdown.render,
    "wikitext": wikitext.render,
    "csv": csv_export.render,
    "json": json_export.render,
}


def render(view: ResultsView, to: str) -> str:
    """`view` in the format named `to`."""
    exporter = EXPORTERS.get(to)
    if exporter is None:
        known = ", ".join(sorted(EXPORTERS))
        raise PursuitError(f"unknown export format {to!r}; known formats: {known}")
    return exporter(view)


__all__ = ["EXPORTERS", "Exporter", "render"]
