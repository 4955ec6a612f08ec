"""What the timer sent, folded from the log: the channel map, every impulse with what became of
it, the lines that were not impulses, and each running heat's passage assignment."""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.core.channels import DEFAULT_MAP, ChannelMap
from pursuit.core.impulses import time_of_day
from pursuit.core.passages import HeatPassages
from pursuit.core.times import RaceTime

RECEIVED, TIMING, PART, UNPLACED, DISCARDED, START = (
    "received",
    "timing",  # times a half lap or the finish
    "part",  # another impulse of a timed passage (a wheel, a team rider)
    "unplaced",
    "discarded",
    "start",
)


@dataclass
class ImpulseRecord:
    source: str
    number: int
    channel: str
    time_of_day: RaceTime
    received_at: str
    manual: bool = False
    status: str = RECEIVED
    reason: str | None = None
    round: str | None = None
    heat: int | None = None
    entrant: str | None = None
    half_lap: int | None = None
    position: int = 0  # where in the log it arrived

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.source, self.number, self.time_of_day.ticks)


@dataclass(frozen=True)
class NoiseRecord:
    source: str
    raw: str
    reason: str
    received_at: str


@dataclass(frozen=True)
class LinkStatus:
    connected: bool
    detail: str
    at: str


@dataclass
class TimingState:
    channel_map: ChannelMap = DEFAULT_MAP
    impulses: dict[tuple[str, int, int], ImpulseRecord] = field(default_factory=dict)
    latest: dict[tuple[str, int], tuple[str, int, int]] = field(default_factory=dict)
    noise: list[NoiseRecord] = field(default_factory=list)
    passages: dict[tuple[str, int], HeatPassages] = field(default_factory=dict)
    links: dict[str, LinkStatus] = field(default_factory=dict)  # by source
    last_heat: tuple[str, int] | None = None  # the heat started last

    def impulse(self, source: str, number: int) -> ImpulseRecord | None:
        """The latest impulse a source sent under this number (timers number from 1 again)."""
        key = self.latest.get((source, number))
        return self.impulses.get(key) if key is not None else None

    def corrected_time(self, record: ImpulseRecord) -> RaceTime:
        """The impulse's time of day less its channel's fixed delay."""
        use = self.channel_map.use_of(record.channel)
        delay = use.delay_ticks if use is not None else 0
        return time_of_day(record.time_of_day.ticks - delay)

    def unplaced(self) -> list[ImpulseRecord]:
        return [r for r in self.impulses.values() if r.status == UNPLACED]
