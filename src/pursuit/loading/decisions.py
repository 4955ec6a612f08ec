"""The `[[decisions]]` of a competition file: rulings after the race, in the order taken.

Each is checked fact by fact; one that cannot be applied is reported on its line and left
out (`bad-decision`, `unknown-round`, `unknown-entrant`, `bad-date`), the others kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pursuit.core.competition import is_iso_date
from pursuit.core.decisions import EFFECTS, Decision
from pursuit.core.formats import Format
from pursuit.loading.document import Document

DECISION_FIELDS = {
    "effect",
    "authority",
    "reason",
    "round",
    "entrant",
    "place",
    "date",
    "reference",
    "basis",
    "note",
}


def read_decisions(doc: Document, fmt: Format, known: set[str]) -> tuple[Decision, ...]:
    raw = doc.data.get("decisions", [])
    if not isinstance(raw, list):
        raise doc.fail("decisions must be an array of tables: [[decisions]]", "decisions")
    out: list[Decision] = []
    sanctioned: set[tuple[str | None, str | None]] = set()
    for i, item in enumerate(raw):
        decision = _decision(doc, fmt, known, item, ("decisions", i))
        if decision is None:
            continue
        key = (decision.round, decision.entrant)
        if decision.effect == "reinstate" and key not in sanctioned:
            doc.find(
                "bad-decision",
                f"{decision.entrant} has no disqualification in {decision.round} to lift: "
                "write the ride as ridden and a decision to disqualify before this one",
                "decisions",
                i,
            )
            continue
        if decision.effect == "disqualify":
            sanctioned.add(key)
        elif decision.effect == "reinstate":
            sanctioned.discard(key)
        out.append(decision)
    return tuple(out)


def _decision(
    doc: Document, fmt: Format, known: set[str], item: object, path: tuple[str | int, ...]
) -> Decision | None:
    if not isinstance(item, dict):
        doc.find("bad-decision", "a decision is a table: [[decisions]]", *path)
        return None
    doc.unknown_keys(item, DECISION_FIELDS, path)
    texts = {k: doc.typed(item, k, (str,), *path) for k in DECISION_FIELDS - {"place"}}
    effect = texts["effect"]
    if effect not in EFFECTS:
        doc.find("bad-decision", f"a decision's effect is one of {', '.join(EFFECTS)}", *path)
        return None
    for key in ("authority", "reason"):
        if not (texts[key] or "").strip():
            doc.find("bad-decision", f"a decision names its {key}", *path)
            return None
    if not _names_known(doc, fmt, known, texts, path):
        return None
    place = _place(doc, item, effect, path)
    if place is False:
        return None
    round_id, entrant = texts["round"], texts["entrant"]
    if effect in ("disqualify", "reinstate") and (round_id is None or entrant is None):
        doc.find("bad-decision", f"a decision to {effect} names the round and the entrant", *path)
        return None
    date = texts["date"]
    if date is not None and not is_iso_date(date):
        doc.find("bad-date", f"a decision's date is a day written YYYY-MM-DD; got {date!r}", *path)
        return None
    return Decision(
        effect,
        texts["authority"].strip(),
        texts["reason"].strip(),
        round_id,
        entrant,
        date,
        place if isinstance(place, int) else None,
        texts["reference"],
        texts["basis"],
        doc.place(*path),
    )


def _names_known(
    doc: Document,
    fmt: Format,
    known: set[str],
    texts: Mapping[str, Any],
    path: tuple[str | int, ...],
) -> bool:
    if texts["round"] is not None and texts["round"] not in fmt.round_ids():
        doc.find(
            "unknown-round",
            f"decision: round {texts['round']!r} is not in format {fmt.name} "
            f"(rounds: {', '.join(fmt.round_ids())})",
            *path,
            "round",
        )
        return False
    if texts["entrant"] is not None and texts["entrant"] not in known:
        doc.find(
            "unknown-entrant", f"decision: unknown entrant {texts['entrant']!r}", *path, "entrant"
        )
        return False
    return True


def _place(
    doc: Document, item: Mapping[str, Any], effect: str, path: tuple[str | int, ...]
) -> int | bool | None:
    """The place of an award (a whole number from 1); None for other effects; False (after a
    finding) when it is missing, wrong or given to another effect."""
    place = item.get("place")
    if effect != "award":
        if place is None:
            return None
        doc.find("bad-decision", f"a place goes with a decision to award, not {effect}", *path)
        return False
    if isinstance(place, bool) or not isinstance(place, int) or place < 1:
        doc.find("bad-decision", "an award names its place, a whole number from 1", *path)
        return False
    if item.get("entrant") is None:
        doc.find("bad-decision", "an award names the entrant it goes to", *path)
        return False
    return place
