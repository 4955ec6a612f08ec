"""Charts drawn as SVG for the web: once per (competition, log position, chart), then served
from memory to every viewer.

Drawing takes tens of milliseconds, so it happens outside the hub's lock (writes never wait
for a picture), and one chart at a time: matplotlib's settings are process-wide.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import TYPE_CHECKING

from pursuit.web.hub import Lru

if TYPE_CHECKING:
    from pursuit.charts.style import Chart


class ChartCache:
    def __init__(self, entries: int = 256) -> None:
        self._drawn = Lru(entries)
        self._lock = threading.Lock()

    def svg(self, key: Hashable, chart: Chart) -> bytes:
        """The chart's SVG, drawn once for `key` (a second caller waits for the first)."""
        drawn: bytes | None = self._drawn.get(key)
        if drawn is not None:
            return drawn
        with self._lock:
            drawn = self._drawn.get(key)
            if drawn is None:
                drawn = chart.draw("svg")
                self._drawn.put(key, drawn)
        return drawn
