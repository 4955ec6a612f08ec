"""Which rider (or team) and which half lap a pursuit-line impulse is: assignment by the expected
passage window.

Each side starts on its own pursuit line, so a side's half laps alternate between the lines:
odd half laps at the opposite line, even ones (the finish included) at its own. From the splits
a side has so far and its current speed, every half lap still to come has an expected time; an
impulse at a line goes to the side and half lap whose expected passage is nearest, if it lies
within the window (a fraction of a half lap's time). What follows from that:

- several impulses of one passage (the two wheels of a bike; the four riders of a team) come
  within a short gap of each other and are one passage: the impulse of the counting rider
  (the first for a rider, the third for a team by default) times it, the others are kept as
  part of it;
- a passage the timer missed shows as an impulse about two half laps after the side's last one
  at the same line: the half lap between is marked missing and the later half laps keep their
  numbers;
- an impulse that fits no expected passage stays unplaced, for an official to assign or discard.

Everything here is pure and deterministic: replaying the same impulses assigns them the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pursuit.core.impulses import implausible
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time


@dataclass(frozen=True, slots=True)
class Tuning:
    """How impulses are grouped and matched; the defaults suit contacts and photocells."""

    debounce_s: float = 0.25  # impulses of one bike's passage (wheels ~60 ms apart at speed)
    team_gap_s: float = 0.6  # between consecutive riders of one team passage
    tolerance: float = 0.4  # the window each side of an expected passage, in half laps' time
    prior_speed_kmh: float = 50.0  # before any split is known
    first_half_lap_factor: float = 1.5  # a standing start's half lap against a flying one
    max_missed: int = 3  # half laps in a row a side may miss and still be followed

    def __post_init__(self) -> None:
        if not 0 < self.tolerance < 1:
            raise ValueError("the tolerance is a fraction of a half lap, between 0 and 1")


@dataclass(frozen=True, slots=True)
class Passage:
    """The impulse that times `entrant`'s half lap (the finish when `finish`)."""

    entrant: str
    half_lap: int
    elapsed: int  # ticks since the start
    missed: tuple[int, ...] = ()  # half laps before it with no passage
    finish: bool = False


@dataclass(frozen=True, slots=True)
class PartOfPassage:
    """Another impulse of a passage: a second wheel, a team rider who does not time it."""

    entrant: str
    half_lap: int
    index: int  # 1 for the first impulse of the passage


@dataclass(frozen=True, slots=True)
class Unplaced:
    reason: str


Verdict = Passage | PartOfPassage | Unplaced


@dataclass
class SideProgress:
    entrant: str
    side: str  # "red" | "green": the line it starts on
    counting: int = 1  # which impulse of a passage times it: 1 for a rider, 3 for a team
    times: dict[int, int] = field(default_factory=dict)  # half lap -> elapsed ticks
    missed: set[int] = field(default_factory=set)
    last: int = 0  # the highest half lap timed or missed
    done: bool = False
    lead: int = 0  # ticks from a passage's first impulse to its timing one, as last seen

    def line_of(self, half_lap: int) -> str:
        """The line a half lap ends at: the other one after an odd number of half laps."""
        if half_lap % 2 == 0:
            return self.side
        return "green" if self.side == "red" else "red"


@dataclass
class LineProgress:
    last_at: int | None = None  # the last impulse at this line, ticks since the start
    entrant: str | None = None  # the passage it belongs to
    half_lap: int = 0
    count: int = 0  # impulses of that passage so far
    first_at: int = 0  # its first impulse


@dataclass
class HeatPassages:
    """The assignment state of one running heat: a fold over its verdicts."""

    half_lap_m: float
    half_laps: int
    sides: list[SideProgress]
    tuning: Tuning = field(default_factory=Tuning)
    lines: dict[str, LineProgress] = field(
        default_factory=lambda: {"red": LineProgress(), "green": LineProgress()}
    )

    def judge(self, line: str, elapsed: int) -> Verdict:
        """Where an impulse at `line`, `elapsed` ticks after the start, belongs (no change)."""
        if line not in self.lines:
            return Unplaced(f"no pursuit line {line!r}")
        if elapsed <= 0:
            return Unplaced("before the start")
        ongoing = self._same_passage(line, elapsed)
        if isinstance(ongoing, Passage | PartOfPassage) and not self._other_due(
            line, elapsed, ongoing.entrant
        ):
            return ongoing
        fitting: list[tuple[float, SideProgress, int, int]] = []
        nearest: tuple[float, SideProgress, int, int] | None = None
        for side in self.sides:
            if side.done:
                continue
            for half_lap in self._candidates(side, line):
                expected, window, ahead = self._expected(side, half_lap)
                off = abs(elapsed + side.lead - expected)
                # Ranked by how far off in time, forgiving the half laps extrapolated over.
                candidate = (off / math.sqrt(ahead), side, half_lap, expected)
                if nearest is None or candidate[0] < nearest[0]:
                    nearest = candidate
                if off <= window and self._plausible(side, half_lap, elapsed):
                    fitting.append(candidate)
        if not fitting:
            return Unplaced(self._why_unplaced(line, elapsed, nearest))
        best = min(fitting, key=lambda c: c[0])
        # Until a catch, a line sees the half laps of both sides in turn (1, 2, 3, …): when
        # another side's earlier half lap also fits and is not even due yet, it is that one.
        earlier = [
            c
            for c in fitting
            if c[1] is not best[1]
            and c[2] < best[2]
            and c[3] >= elapsed + c[1].lead
            and c[3] <= best[3]
        ]
        if earlier:
            best = min(earlier, key=lambda c: c[2])
        _, side, half_lap, _ = best
        if side.counting > 1:
            return PartOfPassage(side.entrant, half_lap, 1)
        return self._passage(side, half_lap, elapsed)

    def take(self, verdict: Verdict, line: str, elapsed: int) -> None:
        """Fold a verdict `judge` gave for this impulse into the state."""
        progress = self.lines[line]
        if isinstance(verdict, Unplaced):
            return
        if progress.entrant == verdict.entrant and progress.half_lap == verdict.half_lap:
            progress.count += 1
        else:
            progress.entrant, progress.half_lap, progress.count = (
                verdict.entrant,
                verdict.half_lap,
                1,
            )
            progress.first_at = elapsed
        progress.last_at = elapsed
        if isinstance(verdict, Passage):
            side = self._side(verdict.entrant)
            side.lead = elapsed - progress.first_at
            side.times[verdict.half_lap] = verdict.elapsed
            side.missed.update(verdict.missed)
            side.last = max(side.last, verdict.half_lap)
            side.done = side.done or verdict.finish

    def note_time(self, entrant: str, half_lap: int, elapsed: int) -> None:
        """A half lap timed another way (typed, corrected, placed by hand)."""
        side = self._side_or_none(entrant)
        if side is not None:
            side.times[half_lap] = elapsed
            side.missed.discard(half_lap)
            side.last = max(side.last, half_lap)

    def note_missed(self, entrant: str, half_lap: int) -> None:
        side = self._side_or_none(entrant)
        if side is not None:
            side.missed.add(half_lap)
            side.last = max(side.last, half_lap)

    def note_finish(self, entrant: str, elapsed: int) -> None:
        self.note_time(entrant, self.half_laps, elapsed)
        self.note_over(entrant)

    def note_over(self, entrant: str) -> None:
        """The side rides no more (finished, caught, abandoned): nothing more is its."""
        side = self._side_or_none(entrant)
        if side is not None:
            side.done = True

    def expected_at(self, entrant: str, half_lap: int) -> int | None:
        """When `entrant`'s half lap is (or was) expected, in ticks since the start: its time
        if timed, between its neighbours if missed, else from its pace so far; None for an
        entrant not in the heat or a half lap not in the race."""
        side = self._side_or_none(entrant)
        if side is None or not 1 <= half_lap <= self.half_laps:
            return None
        times = side.times
        if half_lap in times:
            return times[half_lap]
        later = [k for k in times if k > half_lap]
        if later:
            earlier = [k for k in times if k < half_lap]
            a = max(earlier) if earlier else 0
            at_a = times[a] if earlier else 0
            b = min(later)
            return at_a + round((times[b] - at_a) * (half_lap - a) / (b - a))
        return self._expected(side, half_lap)[0]

    def _side_or_none(self, entrant: str) -> SideProgress | None:
        return next((s for s in self.sides if s.entrant == entrant), None)

    def assign(self, line: str, elapsed: int) -> Verdict:
        """Judge and take in one step."""
        verdict = self.judge(line, elapsed)
        self.take(verdict, line, elapsed)
        return verdict

    def _side(self, entrant: str) -> SideProgress:
        for side in self.sides:
            if side.entrant == entrant:
                return side
        raise KeyError(entrant)

    def trailing(self, line: str, elapsed: int) -> PartOfPassage | None:
        """An impulse just after the heat ended: part of its last passage at `line` (the second
        wheel at the finish), or None."""
        verdict = self._same_passage(line, elapsed) if line in self.lines else None
        return verdict if isinstance(verdict, PartOfPassage) else None

    def _same_passage(self, line: str, elapsed: int) -> Verdict | None:
        progress = self.lines[line]
        if progress.entrant is None or progress.last_at is None:
            return None
        side = self._side(progress.entrant)
        gap_s = self.tuning.team_gap_s if side.counting > 1 else self.tuning.debounce_s
        if not 0 <= elapsed - progress.last_at <= gap_s * TICKS_PER_SECOND:
            return None
        index = progress.count + 1
        if index == side.counting and progress.half_lap not in side.times:
            return self._passage(side, progress.half_lap, elapsed)
        return PartOfPassage(side.entrant, progress.half_lap, index)

    def _other_due(self, line: str, elapsed: int, entrant: str) -> bool:
        """Another side's passage is due at this line right now: the two are crossing it
        together (a catch in the making), so this impulse is that passage, not a wheel."""
        close = 2 * self.tuning.debounce_s * TICKS_PER_SECOND
        for side in self.sides:
            if side.entrant == entrant or side.done:
                continue
            for half_lap in self._candidates(side, line):
                expected, _, _ = self._expected(side, half_lap)
                if abs(elapsed + side.lead - expected) <= close:
                    return True
        return False

    def _passage(self, side: SideProgress, half_lap: int, elapsed: int) -> Passage:
        missed = tuple(k for k in range(side.last + 1, half_lap) if k not in side.times)
        return Passage(side.entrant, half_lap, elapsed, missed, half_lap == self.half_laps)

    def _candidates(self, side: SideProgress, line: str) -> list[int]:
        first = side.last + 1
        last = min(self.half_laps, side.last + 1 + self.tuning.max_missed)
        return [k for k in range(first, last + 1) if side.line_of(k) == line]

    def _expected(self, side: SideProgress, half_lap: int) -> tuple[int, float, int]:
        """The expected elapsed ticks of a side's half lap, the window's half width around it
        and over how many half laps it was extrapolated (the further, the wider the window)."""
        pace = self._pace(side)
        window = self.tuning.tolerance * pace
        if side.times:
            anchor = max(side.times)
            ahead = half_lap - anchor
            expected = side.times[anchor] + round(ahead * pace)
            return expected, window * math.sqrt(ahead), ahead
        first = self._first_half_lap()
        window = max(window, self.tuning.tolerance * first)
        return first + round((half_lap - 1) * pace), window * math.sqrt(half_lap), half_lap

    def _pace(self, side: SideProgress) -> float:
        """Ticks per half lap now: the side's last two passages, else the other side's."""
        own = _pace_of(side)
        if own is not None:
            return own * self._trend(side)
        for other in self.sides:
            theirs = _pace_of(other)
            if theirs is not None:
                if 1 in side.times and 1 in other.times:  # as much slower as its start was
                    return theirs * side.times[1] / other.times[1]
                return theirs
        return self._prior_pace()

    def _trend(self, side: SideProgress) -> float:
        """How the pace changed since the side's last segment, as a side further on saw it:
        early in a pursuit the half laps still get faster (the start's speed is still
        building), so the other side's change over the same half laps says by how much."""
        timed = sorted(side.times)
        if len(timed) < 2:
            return 1.0
        a, b = timed[-2], timed[-1]
        for other in self.sides:
            if other is side or a not in other.times or b not in other.times:
                continue
            latest = sorted(other.times)
            if latest[-1] <= b or len(latest) < 2:
                continue
            same = (other.times[b] - other.times[a]) / (b - a)
            c, d = latest[-2], latest[-1]
            now = (other.times[d] - other.times[c]) / (d - c)
            if same > 0:
                return min(max(now / same, 0.8), 1.2)
        return 1.0

    def _prior_pace(self) -> float:
        metres_per_tick = self.tuning.prior_speed_kmh / 3.6 / TICKS_PER_SECOND
        return self.half_lap_m / metres_per_tick

    def _first_half_lap(self) -> int:
        for side in self.sides:
            if 1 in side.times:
                return side.times[1]
        return round(self._prior_pace() * self.tuning.first_half_lap_factor)

    def _plausible(self, side: SideProgress, half_lap: int, elapsed: int) -> bool:
        known = [k for k in side.times if k < half_lap]
        before = max(known) if known else 0
        since = elapsed - (side.times[before] if before else 0)
        return since > 0 and implausible((half_lap - before) * self.half_lap_m, since) is None

    def _why_unplaced(
        self, line: str, elapsed: int, nearest: tuple[float, SideProgress, int, int] | None
    ) -> str:
        at = _shown(elapsed)
        if nearest is None:
            return f"no passage is expected at the {line} line any more ({at})"
        _, side, half_lap, expected = nearest
        return (
            f"no passage expected at the {line} line at {at}: the nearest is "
            f"{side.entrant}'s half lap {half_lap}, expected at "
            f"{_shown(expected)}"
        )


def _pace_of(side: SideProgress) -> float | None:
    timed = sorted(side.times)
    if len(timed) < 2:
        return None
    a, b = timed[-2], timed[-1]
    return (side.times[b] - side.times[a]) / (b - a)


def _shown(ticks: int) -> str:
    """A time for a message, to the hundredth."""
    ticks = max(ticks, 0)
    return format_time(RaceTime(ticks - ticks % 100, 2))
