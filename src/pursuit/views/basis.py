"""How a ride is known, in words: the research note a results row carries.

A ride's `basis` says where its facts come from: "published" (printed in the official results),
"seed" (the name was not printed with the time; it follows from the rank), "inferred" (worked
out from other facts), "synthetic splits; …" (half-lap splits made up by a replay). The note
leaves out what needs no note: published facts, and synthetic splits (the heat sheet says so).
Every output that shows a note shows this one.
"""

from __future__ import annotations

WORDS = {"seed": "name not printed with the time", "inferred": "inferred"}


def basis_note(basis: str) -> str:
    """The note for a ride of `basis` ("" when there is nothing to say)."""
    parts = [p.strip() for p in basis.split(";")]
    notes = [WORDS.get(p, p) for p in parts if p and p != "published" and "synthetic" not in p]
    return "; ".join(notes)
