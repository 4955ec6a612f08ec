"""Entries from a CSV file, checked line by line before anything is registered."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from pursuit.app.nations import nation_refusal
from pursuit.core.commands import RegisterEntrant
from pursuit.core.times import parse_time
from pursuit.errors import CompetitionFileError, TimeFormatError

COLUMNS = ("name", "nation", "family_name", "bib", "seed_time", "roster")


def commands_from_csv(path: Path, nations: Iterable[tuple[str, str]] = ()) -> list[RegisterEntrant]:
    """The entrants of the CSV at `path`, each nation an IOC code or one of `nations` (the
    codes the competition declares, (code, name))."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CompetitionFileError(f"cannot read {path}: {e} (entries are UTF-8 CSV)") from e
    try:
        return _entries(path, text, dict(nations))
    except csv.Error as e:  # a field beyond the csv module's limit, a stray NUL…
        raise CompetitionFileError(f"{path}: not a readable CSV file: {e}") from e


def _entries(path: Path, text: str, nations: dict[str, str]) -> list[RegisterEntrant]:
    rows = csv.DictReader(text.splitlines())
    header = rows.fieldnames or []
    unknown = [h for h in header if h not in COLUMNS]
    if "name" not in header or unknown:
        raise CompetitionFileError(
            f"{path}:1: the header needs 'name'; known columns are "
            f"{', '.join(COLUMNS)}" + (f" (unknown: {', '.join(unknown)})" if unknown else "")
        )
    problems: list[str] = []
    out: list[RegisterEntrant] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        name = (row.get("name") or "").strip()
        if not name:
            problems.append(f"{path}:{line}: name is empty")
            continue
        if name in seen:
            problems.append(f"{path}:{line}: {name} is already on line {seen[name]}")
            continue
        seen[name] = line
        seed_text = (row.get("seed_time") or "").strip() or None
        seed = None
        if seed_text is not None:
            try:
                seed = parse_time(seed_text)
            except TimeFormatError as e:
                problems.append(f"{path}:{line}: {name}: seed_time: {e.message}")
                continue
        nation = (row.get("nation") or "").strip() or None
        refused = nation_refusal(nation, nations.items())
        if refused is not None:
            problems.append(f"{path}:{line}: {name}: {refused}")
            continue
        roster_text = (row.get("roster") or "").strip()
        roster = tuple(r.strip() for r in roster_text.split(";") if r.strip()) or None
        out.append(
            RegisterEntrant(
                name,
                nation,
                (row.get("family_name") or "").strip() or None,
                (row.get("bib") or "").strip() or None,
                seed,
                roster,
            )
        )
    if problems:
        raise CompetitionFileError(
            "nothing registered; fix these lines:\n  " + "\n  ".join(problems)
        )
    if not out:
        raise CompetitionFileError(f"{path}: no entrants")
    return out
