"""What the phone variants of the charts share: drawn for a narrow screen, not scaled down.

A chart's SVG is `width × 72` points wide and a browser shows it at `width × 96` CSS pixels
before scaling it to its box; the phone variants are `WIDTH_IN` inches wide, so that at
`SHOWN_PX` (a 390 px phone less the page's margins) every text of `FONT_PT` points or more is
at least `MIN_TEXT_PX` pixels tall.
"""

from __future__ import annotations

WIDTH_IN = 3.75  # 270 pt: 360 CSS px at its own size
SHOWN_PX = 360.0  # the width a phone page shows it at
MIN_TEXT_PX = 11.0
FONT_PT = 9.0  # the smallest text of a phone chart: 12 px at SHOWN_PX
TITLE_PT = 10.5


def shown_px(font_pt: float, width_pt: float, shown: float = SHOWN_PX) -> float:
    """How tall text of `font_pt` points is on screen when a `width_pt` wide SVG is `shown`
    pixels wide."""
    return font_pt * shown / width_pt
