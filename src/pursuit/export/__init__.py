"""Exporters: one module per output format, each `render(view) -> str`.

`EXPORTERS` maps a format's name to the module that renders it, imported only when that format
is asked for (an export to CSV never loads the ODF writer and its feed model); `render(view, to)`
picks one by name and refuses an unknown name with a `PursuitError` that lists the known ones.
ODF also takes the computed results, for each ride's outcome and splits (`views.feed_facts`).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from pursuit.errors import PursuitError

if TYPE_CHECKING:
    from pursuit.core.results import Results
    from pursuit.views.results import ResultsView

Exporter = Callable[["ResultsView"], str]

EXPORTERS: dict[str, str] = {  # format → module of this package with its `render(view)`
    "markdown": "markdown",
    "wikitext": "wikitext",
    "csv": "csv_export",
    "json": "json_export",
    "odf": "odf",
}


def exporter(to: str) -> Exporter:
    """The renderer of the format named `to`."""
    module = EXPORTERS.get(to)
    if module is None:
        known = ", ".join(sorted(EXPORTERS))
        raise PursuitError(f"unknown export format {to!r}; known formats: {known}")
    render_of: Exporter = import_module(f"pursuit.export.{module}").render
    return render_of


def render(view: ResultsView, to: str, results: Results | None = None) -> str:
    """`view` in the format named `to`; `results`: what `view` was built from."""
    write = exporter(to)
    if to == "odf" and results is not None:
        from pursuit.export import odf
        from pursuit.views.feed_facts import feed_facts

        return odf.render(view, feed_facts(results))
    return write(view)


__all__ = ["EXPORTERS", "Exporter", "exporter", "render"]
