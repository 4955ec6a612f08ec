"""The knockout bracket for a phone: the rounds one under the other (a round's name, then its
heats, each a box with both riders and their times), in place of side-by-side columns joined by
lines, so each box has the whole width and every text is at least `phone.FONT_PT`."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from pursuit.charts.bracket import BracketChart, _Box, _layout, _lines
from pursuit.charts.phone import FONT_PT, TITLE_PT, WIDTH_IN
from pursuit.charts.style import ACCENT, INK, MUTED, new_figure
from pursuit.core.formats import Format
from pursuit.views.results import ResultsView

ROUND_IN = 0.34  # a round's name
HEAT_IN = 0.8  # a heat: its title and a box of two lines
LINE_IN = 0.24
MARGIN_IN = 0.06


class PhoneBracketChart(BracketChart):
    """The bracket of `BracketChart`, drawn for a phone."""

    def _figure(self) -> Figure:
        return phone_figure(self.view, self.fmt_spec)


def phone_figure(view: ResultsView, fmt_spec: Format) -> Figure:
    boxes = _layout(fmt_spec)
    heats = {(r.id, h.number): h for r in view.rounds for h in r.heats}
    columns = sorted({b.column for b in boxes.values()})
    stacked: list[tuple[str, list[_Box]]] = []
    for column in columns:
        in_column = sorted(
            (b for b in boxes.values() if b.column == column),
            key=lambda b: (b.spec.places[:1], b.number),  # heat 1 first; the final, then bronze
        )
        names = [b.spec.name for b in sorted(in_column, key=lambda b: b.spec.places[:1])]
        stacked.append((" / ".join(dict.fromkeys(names)), in_column))
    height = 2 * MARGIN_IN + sum(ROUND_IN + HEAT_IN * len(b) for _, b in stacked) or 0.5
    figure = new_figure(WIDTH_IN, height)
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(-height, 0)
    ax.axis("off")
    x, right = MARGIN_IN, WIDTH_IN - MARGIN_IN
    y = -MARGIN_IN
    for title, in_column in stacked:
        ax.text(x, y - 0.06, title, fontsize=TITLE_PT, weight="bold", color=ACCENT, va="top")
        y -= ROUND_IN
        for box in in_column:
            heat = heats.get((box.spec.id, box.number))
            name = heat.title if heat is not None else box.spec.heat_title(box.number)
            ax.text(x, y - 0.02, name, fontsize=FONT_PT, color=MUTED, va="top")
            top = y - 0.22
            ax.add_patch(
                Rectangle(
                    (x, top - 2 * LINE_IN),
                    right - x,
                    2 * LINE_IN,
                    facecolor="white",
                    edgecolor=INK,
                    linewidth=0.7,
                )
            )
            ax.plot([x, right], [top - LINE_IN] * 2, color="#e0e0e0", linewidth=0.5)
            for i, (rider, time, won) in enumerate(_lines(heat)):
                line_y = top - (i + 0.5) * LINE_IN
                weight = "bold" if won else "normal"
                mark = "▸ " if won else ""
                ax.text(x + 0.06, line_y, mark + _fit(rider), fontsize=FONT_PT, va="center",
                        weight=weight, color=INK)  # fmt: skip
                ax.text(right - 0.06, line_y, time, fontsize=FONT_PT, va="center", ha="right",
                        weight=weight, color=INK)  # fmt: skip
            y -= HEAT_IN
    if not boxes:
        ax.text(x, -0.25, "no knockout rounds", fontsize=FONT_PT, color=MUTED, va="center")
    return figure


def _fit(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
