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
from pursuit.errors import PursuitError, RuleViolation
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition, preset_names
from pursuit.web.parts import Web
from pursuit.web.settings import DemoSettings

log = logging.getLogger(__name__)
ACTOR = "demo replay"


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
    while _command_id(len(steps) - 1) in hub.command_ids(live_id):  # that replay is over
        n += 1
        live_id = f"{demo.live_id}-{n}"
    return DemoRun(live_id, tuple(steps), demo.speed, demo.admin_name, password)


class DemoReplay:
    """Runs a DemoRun in a background thread until done or stopped."""

    def __init__(self, web: Web, run: DemoRun) -> None:
        self._web = web
        self._run = run
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._go, name="pursuit-demo-replay", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _go(self) -> None:
        run, hub = self._run, self._web.hub
        try:
            done = hub.command_ids(run.live_id)
            now: float | None = None
            for index, step in enumerate(run.steps):
                if _command_id(index) in done:
                    now = step.at
                    continue
                wait = (step.at - now) / run.speed if now is not None and run.speed > 0 else 0.0
                if self._stop.wait(max(wait, 0.0)):
                    return
                now = step.at
                try:
                    hub.handle(run.live_id, step.command, ACTOR, _command_id(index))
                except RuleViolation as e:  # someone recorded into the replay by hand
                    log.warning("demo replay into %s skipped a step: %s", run.live_id, e)
            log.info("demo replay into %s finished", run.live_id)
        except PursuitError as e:
            log.error("demo replay into %s stopped: %s", run.live_id, e)
