"""`pursuit serve --demo`: the 1968 Olympic pursuit, complete and replayed live.

`prepare_demo` imports the example as a finished competition (once), sets up a practice
competition with the same field, qualifying drawn and nothing ridden, for a newcomer to run from
the console (once), makes sure an admin can log in (a new random password each start, printed
by the caller, stored only as a hash) and picks where the live replay goes. `DemoReplay` then
feeds the replay's commands through the hub in accelerated time. Each command has a fixed id,
so a restarted server resumes the replay where it stopped instead of writing anything twice; a
finished replay starts over under a new id. A step the rules refuse (someone recorded into the
replay by hand) is skipped, so the demo goes on.
"""

from __future__ import annotations

import logging
import secrets
import threading
import tomllib
from dataclasses import dataclass, replace

from pursuit.app.importing import commands_from_file, setup_commands
from pursuit.app.replay import Step, replay_script
from pursuit.core import commands as c
from pursuit.core.channels import DEFAULT_MAP
from pursuit.core.impulses import time_of_day
from pursuit.core.live_state import CompetitionState
from pursuit.core.timer_lines import format_line
from pursuit.core.times import TICKS_PER_SECOND, RaceTime
from pursuit.errors import PursuitError, RuleViolation
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition, preset_names
from pursuit.timing.emulator import PtyDevice
from pursuit.timing.reader import SerialSource
from pursuit.web.parts import Web
from pursuit.web.settings import DemoSettings
from pursuit.web.timer_link import TimerLink

log = logging.getLogger(__name__)
ACTOR = "demo replay"
TIMER_SOURCE = "emulator:demo"
LINK_WAIT_S = 10.0  # for the timer link to come up, and to record what was written
AHEAD = 32  # lines written that the server may not have recorded yet
RESTART_PAUSE_S = 60.0  # real seconds between one replay's end and the next one's start
DEMO_CLOCK_TICKS = 10 * 3600 * TICKS_PER_SECOND  # the emulated timer's clock starts at 10:00


@dataclass(frozen=True)
class DemoRun:
    live_id: str
    steps: tuple[Step, ...]
    speed: float
    admin: str
    password: str


def _command_id(index: int) -> str:
    return f"demo-replay-{index:05d}"


def replay_steps(demo: DemoSettings) -> list[Step]:
    loaded = load_competition(demo.example)
    reference = tomllib.loads(demo.example.read_text("utf-8"))["competition"]["format"]
    name = reference if reference in preset_names() else loaded.competition.format.name
    return replay_script(
        loaded.competition, name, format_definition(reference, demo.example.parent)
    )


def practice_commands(demo: DemoSettings) -> list[c.Command]:
    """The example's field as a new competition: every rider seeded by his qualifying time,
    qualifying drawn from the seeds, nothing ridden."""
    loaded = load_competition(demo.example)
    comp = loaded.competition
    reference = tomllib.loads(demo.example.read_text("utf-8"))["competition"]["format"]
    name = reference if reference in preset_names() else comp.format.name
    setup = setup_commands(comp, name, format_definition(reference, demo.example.parent))
    create = setup[0]
    assert isinstance(create, c.CreateCompetition)
    first = comp.format.rounds[0].id
    seeds = {r.entrant: r.outcome.time for r in comp.rides_of(first)}
    meta = replace(create.meta, title=f"Practice: {create.meta.title}", dates=())
    out: list[c.Command] = [replace(create, meta=meta)]
    for command in setup[1:]:
        if isinstance(command, c.RegisterEntrant):
            seed = seeds.get(command.name)
            out.append(replace(command, seed_time=seed))
    out.append(c.DrawRound(first))
    return out


def prepare_demo(web: Web, demo: DemoSettings) -> DemoRun:
    hub = web.hub
    if not hub.head(demo.complete_id):
        hub.handle(demo.complete_id, commands_from_file(demo.example), "demo import", "demo-import")
    if not hub.head(demo.practice_id):
        hub.handle(demo.practice_id, practice_commands(demo), "demo setup", "demo-practice")
    password = secrets.token_urlsafe(12)
    if web.users.get(demo.admin_name) is None:
        web.users.add(demo.admin_name, "admin", password, "pursuit serve --demo")
    else:
        web.users.set_password(demo.admin_name, password, "pursuit serve --demo")
    steps = replay_steps(demo)
    create = steps[0].command
    if isinstance(create, c.CreateCompetition):  # tell the replay from the original apart
        meta = replace(create.meta, title=f"{create.meta.title} (live replay)")
        steps[0] = replace(steps[0], command=replace(create, meta=meta))
    live_id, n = demo.live_id, 1
    while _over(web, live_id):  # that replay is over
        n += 1
        live_id = f"{demo.live_id}-{n}"
    return DemoRun(live_id, tuple(steps), demo.speed, demo.admin_name, password)


class DemoReplay:
    """Runs a DemoRun in a background thread until stopped, starting over under a new id each
    time it ends. The officials' steps (draws, starts, catches, …) go through the hub; the
    splits and finishes go the way a velodrome's do: as the timer's lines, written by the
    emulator to a pseudo-terminal and read back by the server's own timer link (pyserial), which
    places each impulse by its expected passage."""

    def __init__(self, web: Web, run: DemoRun, once: bool = False) -> None:
        self._web = web
        self._run = run
        self._once = once  # one replay, then stop (tests)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._go, name="pursuit-demo-replay", daemon=True)
        self._device: PtyDevice | None = None
        self._link: TimerLink | None = None
        self._starts: dict[tuple[str, int], float] = {}  # each heat's start, competition time
        self._written = 0  # lines written to the timer's wire, all replays together
        self._replays = 0  # replays run by this process before the current one
        self._link_up = False
        try:
            self._device = PtyDevice()
            source = _Named(SerialSource(self._device.path), TIMER_SOURCE)
            self._link = TimerLink(web.hub, run.live_id, source, DEFAULT_MAP)
        except (OSError, PursuitError) as e:  # no pseudo-terminals here: record directly
            log.warning("demo replay without the timer: %s", e)

    def start(self) -> None:
        if self._link is not None:
            self._link.start()
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._link is not None:
            self._link.stop(timeout)
        if self._device is not None:
            self._device.close(linger=0)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def live_id(self) -> str:
        return self._run.live_id

    def _go(self) -> None:
        while not self._stop.is_set():
            if not self._replay(self._run) or self._once:
                return
            log.info("demo replay into %s finished; starting over", self._run.live_id)
            if self._stop.wait(RESTART_PAUSE_S):
                return
            self._run = replace(self._run, live_id=_next_id(self._web, self._run.live_id))
            self._replays += 1
            if self._link is not None:
                self._link.competition = self._run.live_id

    def _replay(self, run: DemoRun) -> bool:
        """One replay, resumed where a stopped server left it; False when stopped."""
        hub = self._web.hub
        try:
            done = hub.command_ids(run.live_id)
            now: float | None = None
            for index, step in enumerate(run.steps):
                timed = isinstance(step.command, c.RecordSplit | c.RecordFinish) and self._linked()
                if not timed and _command_id(index) in done:
                    now = step.at
                    continue
                wait = (step.at - now) / run.speed if now is not None and run.speed > 0 else 0.0
                if self._stop.wait(max(wait, 0.0)):
                    return False
                now = step.at
                if timed:
                    self._impulse(run, index, step)
                    continue
                if self._link is not None:  # the timer's lines so far are recorded first
                    self._link.wait_handled(self._written, LINK_WAIT_S)
                try:
                    hub.handle(run.live_id, step.command, ACTOR, _command_id(index))
                except RuleViolation as e:  # someone recorded into the replay by hand
                    log.warning("demo replay into %s skipped a step: %s", run.live_id, e)
                if isinstance(step.command, c.StartHeat) and self._linked():
                    self._start_impulse(run, index, step)
            if self._link is not None:
                self._link.wait_handled(self._written, LINK_WAIT_S)
            return True
        except PursuitError as e:
            log.error("demo replay into %s stopped: %s", run.live_id, e)
            return False

    def _linked(self) -> bool:
        """The timer link is up (waited for once); without it the replay records directly."""
        if self._link is not None and not self._link_up:
            self._link_up = self._link.wait_connected(LINK_WAIT_S)
            if not self._link_up:
                log.warning("demo replay: the timer link did not come up; recording directly")
                self._link = None
        return self._link is not None

    def _start_impulse(self, run: DemoRun, index: int, step: Step) -> int:
        """The gates open: the start impulse of the heat just started."""
        assert isinstance(step.command, c.StartHeat) and self._device is not None
        channel = DEFAULT_MAP.channel_of("start") or "C0"
        self._starts[step.command.round, step.command.heat] = step.at
        return self._write(
            format_line(_number(index, self._replays), channel, _time_of_day(step.at))
        )

    def _impulse(self, run: DemoRun, index: int, step: Step) -> int:
        """A split or a finish as the impulse of the line the rider crosses there."""
        command = step.command
        assert isinstance(command, c.RecordSplit | c.RecordFinish) and self._device is not None
        found = self._web.hub.read(run.live_id, lambda state: _where(state, command))
        if found is None:
            return 0
        side, half_laps, start_impulse = found
        if isinstance(command, c.RecordSplit):
            half_lap, elapsed = command.half_lap or 1, command.elapsed
        else:
            half_lap, elapsed = half_laps, command.time
        if elapsed is None:
            return 0
        other = "green" if side == "red" else "red"
        line = side if half_lap % 2 == 0 else other
        channel = DEFAULT_MAP.channel_of(f"line {line}") or "C1"
        started = self._starts.get((command.round, command.heat))
        if started is None:  # resumed in the middle of a heat: its start as the log has it
            if start_impulse is None:
                return 0
            at = time_of_day(start_impulse.ticks + elapsed.ticks)
        else:
            at = _time_of_day(started, elapsed)
        return self._write(format_line(_number(index, self._replays), channel, at))

    def _write(self, line: str) -> int:
        """One line to the timer's wire, never more than a few ahead of what the server has
        recorded (a replay at full speed would fill the pseudo-terminal's buffer)."""
        assert self._device is not None and self._link is not None
        self._link.wait_handled(self._written - AHEAD, LINK_WAIT_S)
        while not self._device.write_line(line):
            if self._stop.is_set():
                return 0
        self._written += 1
        return 1


def _over(web: Web, live_id: str) -> bool:
    """The replay in `live_id` ran to the end: its results are complete."""
    if not web.hub.head(live_id):
        return False
    return bool(web.hub.model(live_id, "demo-over", lambda state, view: view.complete)[1])


def _where(
    state: CompetitionState, command: c.RecordSplit | c.RecordFinish
) -> tuple[str, int, RaceTime | None] | None:
    """The rider's side, the heat's half laps and its start impulse, if the heat is drawn."""
    heat = state.heat(command.round, command.heat)
    if heat is None or state.meta is None or command.entrant not in heat.entrants:
        return None
    side = heat.sides[heat.entrants.index(command.entrant)]
    return side, state.meta.counted_half_laps, heat.start_impulse


class _Named:
    """A byte source under another name: the demo's timer is the same however its
    pseudo-terminal is numbered, so a resumed replay's impulses are known again."""

    def __init__(self, source: SerialSource, name: str) -> None:
        self._source = source
        self.name = name

    def open(self) -> None:
        self._source.open()

    def read(self) -> bytes:
        return self._source.read()

    def close(self) -> None:
        self._source.close()


def _number(index: int, replay: int) -> int:
    """The timer's impulse number of a step: the same when a replay resumes, another in the
    next replay (whose lines would otherwise repeat the last one's, and be dropped as such)."""
    return (index + replay * 3001) % 9999 + 1


def _time_of_day(at: float, elapsed: RaceTime | None = None) -> RaceTime:
    """The timer's clock: the replay's competition time from 10:00, plus `elapsed`."""
    ticks = DEMO_CLOCK_TICKS + round(at * TICKS_PER_SECOND)
    if elapsed is not None:
        ticks += elapsed.ticks
    return time_of_day(ticks)


def _next_id(web: Web, live_id: str) -> str:
    base, _, number = live_id.rpartition("-")
    stem, n = (base, int(number)) if number.isdigit() and base else (live_id, 1)
    candidate = f"{stem}-{n + 1}"
    while web.hub.head(candidate):
        n += 1
        candidate = f"{stem}-{n + 1}"
    return candidate


def superseded_replays(ids: list[str], live_id: str) -> set[str]:
    """The demo's earlier replays among `ids` (`live_id`, `live_id-2`, …): all but the latest,
    which the competition list shows alone, so the demo does not fill the list with copies
    of itself as it loops and restarts."""
    runs: dict[str, int] = {}
    for cid in ids:
        if cid == live_id:
            runs[cid] = 1
        elif cid.startswith(f"{live_id}-") and cid[len(live_id) + 1 :].isdigit():
            runs[cid] = int(cid[len(live_id) + 1 :])
    latest = max(runs, key=runs.__getitem__, default=None)
    return {cid for cid in runs if cid != latest}
