"""The timer as the timekeeper sees it: whether each reader is connected, the last impulses per
channel and what became of each, the impulses nothing placed with the ways to place them, and
the half laps the timer missed.

A placement is offered for the heat on the track: the start of the running heat that has none
(or of the next heat, when none runs: start-impulse recovery), each entrant's next half laps
and the half laps it missed. The likeliest is the one expected nearest the impulse's time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.impulses import elapsed
from pursuit.core.live_state import CompetitionState, HeatState
from pursuit.core.passages import HeatPassages
from pursuit.core.times import RaceTime, format_time
from pursuit.core.timing_state import (
    DISCARDED,
    PART,
    START,
    TIMING,
    UNPLACED,
    ImpulseRecord,
    TimingState,
)
from pursuit.views.results import ResultsView
from pursuit.views.status import heat_status, heat_title

PER_CHANNEL = 5  # the last impulses shown for each channel
NOISE_SHOWN = 5  # the last lines that were not impulses
NEXT_HALF_LAPS = 2  # the next half laps of each entrant offered for an unplaced impulse


@dataclass(frozen=True)
class Source:
    """A reader of the timer (a serial port, a TCP link) as its lines and reports show it."""

    source: str
    link: str  # connected | disconnected | unknown (no report yet)
    detail: str
    since: str  # when the link last came up or went down, as reported
    last_line: str  # when its last line (impulse or not) was received
    impulses: int


@dataclass(frozen=True)
class Impulse:
    source: str
    number: int
    channel: str
    use: str  # start, gate red, line green, … or "not mapped"
    time_of_day: str
    status: str  # received | timing | part | unplaced | discarded | start
    became: str  # "Anna Aalto, half lap 7", "start of Qualifying, heat 2", "unplaced: …"
    form_id: str  # the console's forms for this impulse


@dataclass(frozen=True)
class Channel:
    channel: str
    use: str
    impulses: tuple[Impulse, ...]  # newest first


@dataclass(frozen=True)
class Placement:
    """Where an unplaced impulse could go; `value` is how a form names it."""

    value: str  # "round|heat|half_lap|entrant" (entrant empty for a start)
    label: str
    round: str
    heat: int
    entrant: str | None
    half_lap: int  # 0: the heat's start
    kind: str  # start | next | missed
    expected: str  # the elapsed time it is expected at ("" for a start)


@dataclass(frozen=True)
class UnplacedImpulse:
    impulse: Impulse
    reason: str
    since_start: str  # the impulse's time since the heat's start ("" without one)
    choices: tuple[Placement, ...]
    likely: str  # the value of the likeliest placement ("" when there is none)


@dataclass(frozen=True)
class MissedHalfLap:
    entrant: str
    half_lap: int
    estimate: str  # the split shown meanwhile, estimated between its neighbours


@dataclass(frozen=True)
class Noise:
    source: str
    raw: str
    reason: str
    received_at: str


@dataclass(frozen=True)
class TimingHeat:
    round: str
    number: int
    title: str
    status: str  # running | finished | to ride
    has_start: bool  # the start impulse is known


@dataclass(frozen=True)
class TimingPanel:
    competition: str
    title: str
    heat: TimingHeat | None  # the heat on the track: running, else the last one started
    next_heat: TimingHeat | None  # the heat a start impulse would start when none runs
    sources: tuple[Source, ...]
    channels: tuple[Channel, ...]
    unplaced: tuple[UnplacedImpulse, ...]  # newest first
    missed: tuple[MissedHalfLap, ...]
    impulses: int
    noise_lines: int
    noise: tuple[Noise, ...]  # newest first

    @property
    def connected(self) -> bool:
        return any(s.link == "connected" for s in self.sources)


def timing_panel(competition: str) -> Callable[[CompetitionState, ResultsView], TimingPanel]:
    """The builder the web's cache calls: the panel of `competition`."""

    def build(state: CompetitionState, view: ResultsView) -> TimingPanel:
        return build_timing(state, competition, view)

    return build


def build_timing(
    state: CompetitionState, competition: str = "", view: ResultsView | None = None
) -> TimingPanel:
    timing = state.timing
    title_of = _titles(view)
    running = state.running_heat()
    on_track = running or _last_started(state)
    waiting = None if running is not None else _next_to_start(state)
    records = sorted(timing.impulses.values(), key=lambda r: r.position)
    unplaced = [r for r in reversed(records) if r.status == UNPLACED and _addressable(timing, r)]
    return TimingPanel(
        competition=competition,
        title=view.competition.title if view is not None else competition,
        heat=_heat(on_track, title_of) if on_track is not None else None,
        next_heat=_heat(waiting, title_of) if waiting is not None else None,
        sources=_sources(timing, records),
        channels=_channels(state, records, title_of),
        unplaced=tuple(_unplaced(state, r, running, waiting, title_of) for r in unplaced),
        missed=_missed(state, on_track),
        impulses=len(records),
        noise_lines=len(timing.noise),
        noise=tuple(
            Noise(n.source, n.raw, n.reason, n.received_at)
            for n in reversed(timing.noise[-NOISE_SHOWN:])
        ),
    )


# --- what each part shows --------------------------------------------------------------------


class _Titles:
    def __init__(self, view: ResultsView | None) -> None:
        self.view = view

    def __call__(self, round_id: str, number: int) -> str:
        if self.view is None:
            return f"{round_id} heat {number}"
        return heat_title(self.view, round_id, number)


def _titles(view: ResultsView | None) -> _Titles:
    return _Titles(view)


def _heat(heat: HeatState, title_of: _Titles) -> TimingHeat:
    return TimingHeat(
        heat.round,
        heat.number,
        title_of(heat.round, heat.number),
        heat_status(heat),
        heat.start_impulse is not None,
    )


def _last_started(state: CompetitionState) -> HeatState | None:
    started = [h for heats in state.heats.values() for h in heats.values() if h.started]
    return started[-1] if started else None


def _next_to_start(state: CompetitionState) -> HeatState | None:
    for heats in state.heats.values():
        for heat in heats.values():
            if not heat.started and not heat.done:
                return heat
    return None


def _addressable(timing: TimingState, record: ImpulseRecord) -> bool:
    """Whether a command can name this impulse: the latest its source sent under its number."""
    return timing.impulse(record.source, record.number) is record


def _sources(timing: TimingState, records: list[ImpulseRecord]) -> tuple[Source, ...]:
    names = sorted({*timing.links, *(r.source for r in records), *(n.source for n in timing.noise)})
    out = []
    for name in names:
        link = timing.links.get(name)
        lines = [r.received_at for r in records if r.source == name] + [
            n.received_at for n in timing.noise if n.source == name
        ]
        out.append(
            Source(
                name,
                "unknown" if link is None else "connected" if link.connected else "disconnected",
                link.detail if link is not None else "",
                link.at if link is not None else "",
                max(lines) if lines else "",
                sum(1 for r in records if r.source == name),
            )
        )
    return tuple(out)


def _use(timing: TimingState, channel: str) -> str:
    use = timing.channel_map.use_of(channel)
    return use.label if use is not None else "not mapped"


def _form_id(record: ImpulseRecord) -> str:
    kept = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in record.source)
    return f"impulse-{kept.strip('-')}-{record.number}"


def _half_lap_name(state: CompetitionState, entrant: str | None, half_lap: int) -> str:
    last = (state.meta.half_laps or 0) if state.meta is not None else 0
    what = "the finish" if half_lap == last else f"half lap {half_lap}"
    return f"{entrant}, {what}"


def _became(state: CompetitionState, record: ImpulseRecord, title_of: _Titles) -> str:
    by_hand = f" (placed by hand: {record.reason})" if record.reason else ""
    if record.status == TIMING:
        return _half_lap_name(state, record.entrant, record.half_lap or 0) + by_hand
    if record.status == PART:
        return f"{_half_lap_name(state, record.entrant, record.half_lap or 0)}, another impulse"
    if record.status == START and record.round is not None and record.heat is not None:
        return f"start of {title_of(record.round, record.heat)}{by_hand}"
    if record.status == UNPLACED:
        return f"unplaced: {record.reason}"
    if record.status == DISCARDED:
        return f"discarded: {record.reason}"
    return record.status


def _impulse(state: CompetitionState, record: ImpulseRecord, title_of: _Titles) -> Impulse:
    return Impulse(
        record.source,
        record.number,
        record.channel,
        _use(state.timing, record.channel),
        format_time(record.time_of_day),
        record.status,
        _became(state, record, title_of),
        _form_id(record),
    )


def _channels(
    state: CompetitionState, records: list[ImpulseRecord], title_of: _Titles
) -> tuple[Channel, ...]:
    mapped = list(state.timing.channel_map.uses)
    seen = sorted({r.channel for r in records} - set(mapped))
    out = []
    for channel in [*mapped, *seen]:
        mine = [r for r in records if r.channel == channel][-PER_CHANNEL:]
        out.append(
            Channel(
                channel,
                _use(state.timing, channel),
                tuple(_impulse(state, r, title_of) for r in reversed(mine)),
            )
        )
    return tuple(out)


# --- placing an unplaced impulse ---------------------------------------------------------------


def _value(round_id: str, number: int, half_lap: int, entrant: str | None) -> str:
    return f"{round_id}|{number}|{half_lap}|{entrant or ''}"


def _clock(ticks: int | None) -> str:
    return "" if ticks is None else format_time(RaceTime(max(ticks, 0), 4), 1)


def _unplaced(
    state: CompetitionState,
    record: ImpulseRecord,
    running: HeatState | None,
    waiting: HeatState | None,
    title_of: _Titles,
) -> UnplacedImpulse:
    timing = state.timing
    use = timing.channel_map.use_of(record.channel)
    at = timing.corrected_time(record)
    choices: list[Placement] = []
    since: int | None = None
    for heat in (running, waiting):
        if heat is not None and heat.start_impulse is None:
            title = title_of(heat.round, heat.number)
            choices.append(
                Placement(
                    _value(heat.round, heat.number, 0, None),
                    f"start of {title}",
                    heat.round,
                    heat.number,
                    None,
                    0,
                    "start",
                    "",
                )
            )
    if running is not None and running.start_impulse is not None:
        since = elapsed(running.start_impulse, at).ticks
        passages = timing.passages.get((running.round, running.number))
        if passages is not None:
            choices += _passages(state, running, passages)
    likely = _likely(choices, use.kind if use is not None else None, since, timing.passages)
    return UnplacedImpulse(
        _impulse(state, record, title_of),
        record.reason or "",
        _clock(since),
        tuple(choices),
        likely,
    )


def _passages(state: CompetitionState, heat: HeatState, passages: HeatPassages) -> list[Placement]:
    assert state.meta is not None
    out: list[Placement] = []
    for entrant in heat.entrants:
        ride = state.ride(heat.round, entrant)
        if ride is not None and ride.finished:
            continue
        done = len(ride.splits) if ride is not None else 0
        missing = sorted(ride.missing) if ride is not None else []
        for k in missing:
            out.append(_placement(state, heat, passages, entrant, k, "missed"))
        for k in range(done + 1, min(done + NEXT_HALF_LAPS, state.meta.half_laps or 0) + 1):
            out.append(_placement(state, heat, passages, entrant, k, "next"))
    return out


def _placement(
    state: CompetitionState,
    heat: HeatState,
    passages: HeatPassages,
    entrant: str,
    half_lap: int,
    kind: str,
) -> Placement:
    expected = _clock(passages.expected_at(entrant, half_lap))
    name = _half_lap_name(state, entrant, half_lap)
    if kind == "missed":
        label = f"{name}, missed (~{expected})"
    else:
        label = f"{name}, due {expected}" if expected else name
    return Placement(
        _value(heat.round, heat.number, half_lap, entrant),
        label,
        heat.round,
        heat.number,
        entrant,
        half_lap,
        kind,
        expected,
    )


def _likely(
    choices: list[Placement],
    kind: str | None,
    since: int | None,
    passages: dict[tuple[str, int], HeatPassages],
) -> str:
    """The start for a start or gate impulse; else the passage expected nearest its time."""
    if not choices:
        return ""
    starts = [p for p in choices if p.kind == "start"]
    if kind in ("start", "gate") and starts:
        return starts[0].value
    timed = []
    for p in choices:
        if p.entrant is None or since is None:
            continue
        heat = passages.get((p.round, p.heat))
        at = heat.expected_at(p.entrant, p.half_lap) if heat is not None else None
        if at is not None:
            timed.append((abs(at - since), p.half_lap, p.value))
    if timed:
        return min(timed)[2]
    return choices[0].value


def _missed(state: CompetitionState, heat: HeatState | None) -> tuple[MissedHalfLap, ...]:
    if heat is None:
        return ()
    out = []
    for entrant in heat.entrants:
        ride = state.ride(heat.round, entrant)
        if ride is None:
            continue
        for k in sorted(ride.missing):
            estimate = ride.splits[k - 1] if k <= len(ride.splits) else None
            out.append(
                MissedHalfLap(entrant, k, format_time(estimate, 2) if estimate is not None else "")
            )
    return tuple(out)
