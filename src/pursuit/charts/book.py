"""Many charts at once, for the PDF sheets: the charts as the pages of a few PDF "books" (the
font and the file structure written once per book, not once per chart), the books drawn in
worker processes when there are enough of them to pay for the workers.

Which chart goes in which book and on which page depends only on the order of the charts
(BOOK_PAGES per book), never on the number of processors, so the same sheets give the same
bytes on every machine.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from pursuit.charts.style import Chart, pdf_book

BOOK_PAGES = 12  # charts per book
PARALLEL_FROM = 3  # books; fewer are drawn in this process (a worker costs a fork)


@dataclass(frozen=True, slots=True)
class Page:
    """Where a chart was drawn: `book` (index into the books) and `number` (from 1)."""

    book: int
    number: int


def draw_books(
    charts: Sequence[Chart], workers: int | None = None
) -> tuple[list[bytes], list[Page]]:
    """The charts drawn as PDF books, and the page of each chart, in order.

    `workers`: processes to draw in; by default one per processor when there are at least
    PARALLEL_FROM books and the platform can fork, else none (all drawn here)."""
    parts = [list(charts[i : i + BOOK_PAGES]) for i in range(0, len(charts), BOOK_PAGES)]
    count = _workers(len(parts)) if workers is None else min(workers, len(parts))
    if count > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            books = list(pool.map(pdf_book, parts))
    else:
        books = [pdf_book(part) for part in parts]
    pages = [Page(i // BOOK_PAGES, i % BOOK_PAGES + 1) for i in range(len(charts))]
    return books, pages


def _workers(books: int) -> int:
    """Worker processes for `books`: only on Linux (fork keeps matplotlib imported and costs
    milliseconds; a fresh interpreter would spend a second importing it), and never from a
    daemon process (it may not have children)."""
    if books < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    if multiprocessing.current_process().daemon:
        return 1
    available = len(os.sched_getaffinity(0))
    return min(available, books)
