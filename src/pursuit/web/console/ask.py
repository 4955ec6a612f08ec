"""The second step of the console's weighty actions: "Record DNS for X? [Confirm] [Cancel]".

A non-start, a draw, a catch, a sanction, a false start, a mishap and a team's rider dropped
are asked again before they are recorded: the
form posts without `confirmed`, the desk answers with the question, what would be recorded
(the command decided on the state now, nothing written) and a Confirm form carrying the same
fields with `confirmed=yes`. It is plain HTML, so it works without a script (and no inline
script is allowed anyway)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# action -> (question, confirm button), worded from the form's fields
_ASKED: dict[str, tuple[str, str]] = {
    "dns": ("Record DNS for {entrant} in {round}?", "Confirm: {entrant} did not start"),
    "draw": ("Draw {round}{how}?", "Confirm the draw of {round}"),
    "catch": (
        "Confirm that {catcher} caught the other rider in {round} heat {heat}?",
        "Confirm the catch",
    ),
    "dsq": ("Disqualify {entrant} in {round}?", "Confirm: disqualify {entrant}"),
    "rel": ("Relegate {entrant} in {round}?", "Confirm: relegate {entrant}"),
    "false-start": (
        "Record a false start by {entrant} in {round} heat {heat}? The heat is stopped.",
        "Confirm the false start",
    ),
    "incident": (
        "Record a {kind} of {entrant} in {round} heat {heat}?",
        "Confirm the {kind}",
    ),
    "drop": (
        "Record {rider} of {team} dropped in {round} heat {heat}?",
        "Confirm: {rider} dropped",
    ),
}
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Question:
    action: str
    title: str
    confirm: str
    fields: tuple[tuple[str, str], ...]  # the form again, to post with confirmed=yes
    effects: tuple[str, ...]  # what would be recorded, in words
    danger: bool


def asks(action: str, form: dict[str, str]) -> bool:
    """Whether `action` waits for a confirmation that `form` does not carry yet."""
    return action in _ASKED and form.get(CONFIRMED) != "yes"


def question(
    action: str, words_from: dict[str, str], form: dict[str, str], effects: list[str]
) -> Question:
    """The question for `action`, worded from `words_from` (the form with the riders' names
    as resolved), carrying `form` again."""
    words: dict[str, Any] = dict(words_from)
    pairs = [line.strip() for line in form.get("pairs", "").splitlines() if line.strip()]
    words["how"] = f" with the pairs {'; '.join(pairs)}" if pairs else ""
    words.setdefault("round", "")
    asked, button = _ASKED[action]
    return Question(
        action,
        asked.format_map(_Missing(words)),
        button.format_map(_Missing(words)),
        tuple((k, v) for k, v in form.items() if k not in ("csrf", "command_id", CONFIRMED)),
        tuple(effects),
        action in ("dsq", "rel"),
    )


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
