"""Which timer channel is which: the start gates and the two pursuit lines.

The two riders (or teams) of a heat start on opposite pursuit lines, named after their sides:
the red side starts on the red line, the green side on the green line. A channel map says which
of the timer's channels carries each: `start` (both gates released together), `gate red`,
`gate green`, `line red`, `line green`, with an optional fixed delay to subtract (a contact or
cable that is known to be late). Channels the map does not name are not pursuit impulses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SIDES = ("red", "green")
Kind = Literal["start", "gate", "line"]
USES = ("start", "gate red", "gate green", "line red", "line green")


@dataclass(frozen=True, slots=True)
class ChannelUse:
    kind: Kind
    side: str | None  # "red" | "green"; None for a start of both gates
    delay_ticks: int = 0

    @property
    def label(self) -> str:
        return self.kind if self.side is None else f"{self.kind} {self.side}"


def parse_use(text: str) -> ChannelUse | None:
    """`start`, `gate red`, `line green`, … as a `ChannelUse` (no delay), or None."""
    words = text.split()
    if words == ["start"]:
        return ChannelUse("start", None)
    if len(words) == 2 and words[0] in ("gate", "line") and words[1] in SIDES:
        kind: Kind = "gate" if words[0] == "gate" else "line"
        return ChannelUse(kind, words[1])
    return None


@dataclass(frozen=True, slots=True)
class ChannelMap:
    uses: dict[str, ChannelUse] = field(default_factory=dict)

    def use_of(self, channel: str) -> ChannelUse | None:
        return self.uses.get(channel)

    def channel_of(self, label: str) -> str | None:
        """The channel carrying `start`, `line red`, … (the emulator writes to it)."""
        for channel, use in self.uses.items():
            if use.label == label:
                return channel
        return None


DEFAULT_MAP = ChannelMap(
    {
        "C0": ChannelUse("start", None),
        "C1": ChannelUse("line", "red"),
        "C2": ChannelUse("line", "green"),
    }
)
