"""Many charts at once, for the PDF sheets: each chart as its layers (`Chart.layers`), every
distinct drawing drawn once (the frame the heat charts share is drawn a single time), as SVG
whose text stays text, so typst sets it in the sheets' own font and it can be searched.

(Not PDF: matplotlib writes an SVG in about half the time of a PDF page, and its PDF backend
imports fontTools, a second of compiling in an interpreter without cached bytecode.)

With a chart cache (`pursuit.charts.cache`), drawings it keeps are not drawn again.

The drawings are drawn in worker processes when there are enough to pay for them. Which
drawing a layer is depends only on the order of the charts, never on the number of processors,
so the same sheets give the same bytes on every machine.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import matplotlib
import matplotlib.backends.backend_svg  # here, so that forked workers have it
from matplotlib.typing import RcKeyType

from pursuit.charts import cache
from pursuit.charts.style import Chart, Drawing, styled

CHUNK = 8  # drawings per task sent to a worker
PARALLEL_FROM = 24  # drawings; fewer are drawn in this process (a worker costs a fork)
# text as text: typst sets it (the web's SVGs keep their text as paths)
SHEET_SVG: dict[RcKeyType, Any] = {"svg.fonttype": "none"}


@dataclass(frozen=True)
class Drawn:
    """The drawings of some charts: `images` (SVG, one per distinct drawing) and, for each chart
    in order, the indices of its layers in `images`, the bottom one first."""

    images: list[bytes]  # SVG
    layers: list[tuple[int, ...]]


def draw(charts: Sequence[Chart], workers: int | None = None) -> Drawn:
    """`charts` drawn for the sheets (see `sheet_images`); drawings kept in the chart cache
    (`pursuit.charts.cache`, when there is one) are taken from it. `workers`: processes to draw
    in; by default one per processor when there are at least PARALLEL_FROM drawings to draw
    and the platform can fork, else none (all drawn here)."""
    drawings, layers = plan(charts)
    images: list[bytes | None] = [None] * len(drawings)
    where = cache.folder()
    names: dict[int, str] = {}
    if where is not None:
        for i, drawing in enumerate(drawings):
            fingerprint = drawing.fingerprint()
            if fingerprint is not None:
                names[i] = cache.key(fingerprint)
                images[i] = cache.load(where, names[i])
    todo = [i for i, image in enumerate(images) if image is None]
    for i, image in zip(todo, _draw([drawings[i] for i in todo], workers), strict=True):
        images[i] = image
        if where is not None and i in names:
            cache.store(where, names[i], image)
    done = [image for image in images if image is not None]
    assert len(done) == len(drawings)
    return Drawn(done, layers)


def _draw(drawings: Sequence[Drawing], workers: int | None) -> list[bytes]:
    count = _workers(len(drawings)) if workers is None else workers
    if count < 2 or len(drawings) <= CHUNK:
        return sheet_images(drawings)
    # the heaviest first, so no worker is left with a long one at the end
    order = sorted(range(len(drawings)), key=lambda i: -drawings[i].weight)
    parts = [order[i : i + CHUNK] for i in range(0, len(order), CHUNK)]
    context = multiprocessing.get_context("fork")
    images: list[bytes] = [b""] * len(drawings)
    with ProcessPoolExecutor(min(count, len(parts)), mp_context=context) as pool:
        drawn = pool.map(sheet_images, [[drawings[i] for i in part] for part in parts])
        for part, part_images in zip(parts, drawn, strict=True):
            for i, image in zip(part, part_images, strict=True):
                images[i] = image
    return images


def plan(charts: Sequence[Chart]) -> tuple[list[Drawing], list[tuple[int, ...]]]:
    """The distinct drawings of `charts` in order of first use, and each chart's layers as
    indices into them."""
    drawings: list[Drawing] = []
    known: dict[Hashable, int] = {}
    layers: list[tuple[int, ...]] = []
    for chart in charts:
        indices = []
        for layer in chart.layers():
            key = layer.key
            if key is not None and key in known:
                indices.append(known[key])
                continue
            if key is not None:
                known[key] = len(drawings)
            indices.append(len(drawings))
            drawings.append(layer)
        layers.append(tuple(indices))
    return drawings, layers


def sheet_images(drawings: Sequence[Drawing]) -> list[bytes]:
    """Each drawing as the sheets take it: SVG with its text as text, and its spaces kept as
    matplotlib means them (SVG would fold two into one and drop a leading one)."""
    with styled(), matplotlib.rc_context(SHEET_SVG):
        return [_keep_spaces(drawing.draw("svg")) for drawing in drawings]


def _keep_spaces(svg: bytes) -> bytes:
    return svg.replace(b"<svg ", b'<svg xml:space="preserve" ', 1)


def _workers(drawings: int) -> int:
    """Worker processes for `drawings`: only on Linux (fork keeps matplotlib imported and
    costs milliseconds; a fresh interpreter would spend a second importing it), and never from
    a daemon process (it may not have children)."""
    if drawings < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    if multiprocessing.current_process().daemon:
        return 1
    return len(os.sched_getaffinity(0))
