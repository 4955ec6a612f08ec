"""Where the knockout bracket puts each heat (no drawing library): rounds as columns, each
heat a box, laid out from the format's references, never from a fixed bracket: a round's column
is one more than the furthest round that feeds it; the first column is ordered so that heats
whose winners meet sit next to each other; a heat fed only by losers (a bronze race) goes below
the rest of its column. Drawn by `pursuit.charts.bracket` (matplotlib, the web) and
`pursuit.charts.bracket_model` (typst, the PDF sheets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from pursuit.core.formats import Format, RoundKind, RoundSpec
from pursuit.core.refs import HeatRef
from pursuit.views.results import HeatView, ResultsView

COLUMN_IN = 2.45  # width of one column
ROW_IN = 0.78  # vertical distance between two first-column heats
BOX_W = 0.86  # box width, in columns
BOX_H = 0.62  # box height, in rows

Node = tuple[str, int]  # (round id, heat number)


@dataclass
class _Box:
    spec: RoundSpec
    number: int
    column: int
    y: float = 0.0


def _layout(fmt_spec: Format) -> dict[Node, _Box]:
    knockout = [s for s in fmt_spec.rounds if s.kind is RoundKind.KNOCKOUT]
    kinds = {s.id: s.kind for s in fmt_spec.rounds}
    stage: dict[str, int] = {}
    for spec in knockout:
        sources = [_ref_round(r) for h in spec.heats for r in h.refs]
        stage[spec.id] = 1 + max(
            (stage.get(f, 0) for f in sources if kinds.get(f) is RoundKind.KNOCKOUT), default=-1
        )
    boxes = {(s.id, h.number): _Box(s, h.number, stage[s.id]) for s in knockout for h in s.heats}
    if not boxes:
        return boxes
    leaves = _leaf_order(boxes)
    for i, node in enumerate(leaves):
        boxes[node].y = -float(i)
    last = max(b.column for b in boxes.values())
    for column in range(1, last + 1):
        in_column = sorted(
            (b for b in boxes.values() if b.column == column),
            key=lambda b: (b.spec.places[0] if b.spec.places else 0, b.number),
        )
        placed: list[float] = []
        for box in in_column:
            feeders = _winner_feeders(box, boxes)
            if feeders:
                box.y = sum(f.y for f in feeders) / len(feeders)
            if not feeders or any(abs(box.y - y) < BOX_H for y in placed):
                floor = min(b.y for b in boxes.values() if b.column <= column and b is not box)
                box.y = min([floor, *placed]) - 1.15
            placed.append(box.y)
    return boxes


def _leaf_order(boxes: dict[Node, _Box]) -> list[Node]:
    """First-column heats in the order a depth-first walk from the last heats reaches them."""
    order: list[Node] = []
    last = max(b.column for b in boxes.values())
    tops = sorted(
        (k for k, b in boxes.items() if b.column == last),
        key=lambda k: (boxes[k].spec.places[0] if boxes[k].spec.places else 0, k[1]),
    )

    def walk(node: Node) -> None:
        box = boxes[node]
        if box.column == 0:
            if node not in order:
                order.append(node)
            return
        for feeder in _winner_feeders(box, boxes):
            walk((feeder.spec.id, feeder.number))

    for top in tops:
        walk(top)
    order += [k for k, b in boxes.items() if b.column == 0 and k not in order]
    return order


def _winner_feeders(box: _Box, boxes: dict[Node, _Box]) -> list[_Box]:
    refs = [r for h in box.spec.heats if h.number == box.number for r in h.refs]
    found = [boxes.get((r.round, r.heat)) for r in refs if isinstance(r, HeatRef) and r.winner]
    return [f for f in found if f is not None]


def _ref_round(ref: object) -> str:
    return ref.round if isinstance(ref, HeatRef) else getattr(ref, "source", "")


def _lines(heat: HeatView | None) -> list[tuple[str, str, bool]]:
    """Two lines (name, time or note, won) for a heat box, '—' where nobody is known yet."""
    if heat is None:
        return [("—", "", False), ("—", "", False)]
    rides = list(heat.rides)
    if rides:
        best = min((r.rank for r in rides if r.rank.isdigit()), key=int, default=None)
        lines = [
            (r.name, r.time or _note(r.note), bool(heat.decided_by) and r.rank == best)
            for r in rides
        ]
        named = {r.name for r in rides}
        lines += [(n, "", False) for n in heat.expected if n and n not in named]
    else:
        lines = [(n or "—", "", False) for n in heat.expected]
    return (lines + [("—", "", False)] * 2)[:2]


def _note(note: str) -> str:
    return note.split(",")[0] if note else ""


def _fit(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def column_titles(boxes: dict[Node, _Box], columns: int) -> list[str]:
    """Each column's title: the names of its rounds."""
    titles = []
    for column in range(columns):
        names = [
            b.spec.name
            for b in sorted(boxes.values(), key=lambda b: b.spec.places[:1])
            if b.column == column
        ]
        titles.append(" / ".join(dict.fromkeys(names)))
    return titles


class Frame(NamedTuple):
    """A bracket laid out for `view`: its boxes, the heats by (round, number), the number of
    columns, the vertical extent in rows (`low` to `high`) and the size in inches."""

    boxes: dict[Node, _Box]
    heats: dict[tuple[str, int], HeatView]
    columns: int
    low: float
    high: float
    width: float
    height: float


def frame(view: ResultsView, fmt_spec: Format) -> Frame:
    """What every drawing of the bracket starts from (matplotlib's for the web, typst's model)."""
    boxes = _layout(fmt_spec)
    heats = {(r.id, h.number): h for r in view.rounds for h in r.heats}
    columns = max((b.column for b in boxes.values()), default=0) + 1
    low = min((b.y for b in boxes.values()), default=0.0) - 0.55
    high = 0.9
    width, height = columns * COLUMN_IN + 0.2, (high - low) * ROW_IN
    return Frame(boxes, heats, columns, low, high, width, height)
