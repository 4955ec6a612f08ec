"""Work on a competition file: load, compute, view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pursuit.core.engine import compute
from pursuit.core.findings import Finding
from pursuit.core.results import Results
from pursuit.loading.competition_file import load_competition
from pursuit.views.results import ResultsView, build_view


@dataclass(frozen=True)
class Computed:
    results: Results
    findings: tuple[Finding, ...]  # from reading the file, then from the rules
    view: ResultsView


def compute_file(path: Path) -> Computed:
    """Raises `CompetitionFileError` when the file is unusable."""
    loaded = load_competition(path)
    results = compute(loaded.competition)
    findings = (*loaded.findings, *results.findings)
    return Computed(results, findings, build_view(results, findings))
