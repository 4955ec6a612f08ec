"""Work on a competition file: load, compute, view."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pursuit.core.decisions import Cutoff, in_force
from pursuit.core.engine import compute
from pursuit.core.findings import Finding
from pursuit.core.results import Results
from pursuit.loading.competition_file import load_competition
from pursuit.views.results import ResultsView, build_view


@dataclass(frozen=True)
class Computed:
    """A competition file's results, every finding and the view the outputs render."""

    results: Results
    findings: tuple[Finding, ...]  # from reading the file, then from the rules
    view: ResultsView


def compute_file(path: Path, cutoff: Cutoff | None = None) -> Computed:
    """Raises `CompetitionFileError` when the file is unusable. With a `cutoff`, only the
    decisions it admits apply (`--as-of`)."""
    loaded = load_competition(path)
    competition = loaded.competition
    if cutoff is not None:
        competition = replace(competition, decisions=in_force(competition.decisions, cutoff))
    results = compute(competition)
    findings = (*loaded.findings, *results.findings)
    return Computed(results, findings, build_view(results, findings))
