"""A round's `order`: who was faster there, best first, as a source published it without
the times. One list of names is one order; a list of lists holds several orders, each on its
own (`order = [["A", "B"], ["C", "D"]]`: A before B and C before D, nothing between them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pursuit.loading.document import Document


def read_orders(
    doc: Document, round_id: str, table: Mapping[str, Any], known: set[str]
) -> tuple[tuple[str, ...], ...]:
    raw = table.get("order")
    if raw is None:
        return ()
    path = ("rounds", round_id, "order")
    shape = 'a list of names, best first, or a list of such lists: order = ["A", "B"]'
    if not isinstance(raw, list):
        doc.find("bad-field", f"rounds.{round_id}.order must be {shape}", *path)
        return ()
    chains = raw if raw and all(isinstance(c, list) for c in raw) else [raw]
    out: list[tuple[str, ...]] = []
    for i, chain in enumerate(chains):
        at = (*path, i) if chains is raw else path
        if not all(isinstance(name, str) for name in chain):
            doc.find("bad-field", f"rounds.{round_id}.order must be {shape}", *at)
            continue
        names: list[str] = []
        for name in chain:
            if name in known:
                names.append(name)
            else:
                doc.find(
                    "unknown-entrant",
                    f"unknown rider {name!r} in the published order of round {round_id}",
                    *at,
                )
        if len(names) > 1:
            out.append(tuple(names))
    return tuple(out)
