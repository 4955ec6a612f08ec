"""A command that reads a file loads only what it uses, and a finished command leaves quickly
without leaving a store open. Each case starts a fresh interpreter: what a process imported
is only seen in a process of its own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import run_pursuit
from pursuit.cli.command_table import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"

# What a read-only command on a file never needs.
HEAVY = (
    "pursuit.store.open",
    "pursuit.app.service",
    "sqlite3",
    "pydantic",
    "tomlkit",
    "matplotlib",
    "typst",
)

# The end of a probe's preamble: its `report()` also runs when the command leaves by os._exit.
REPORT_AT_QUICK_EXIT = """
real_exit = os._exit
def exit_reporting(code):
    report()
    real_exit(code)
os._exit = exit_reporting
"""

# Runs `pursuit ARGS` through the entry function, then says on stderr which modules of
# `watched` were imported, however the process ends (os._exit included).
PROBE = (
    """
import json, os, sys
watched, args = json.loads(sys.argv[1]), json.loads(sys.argv[2])
def report():
    loaded = [m for m in watched if m in sys.modules]
    sys.stderr.write("\\nLOADED " + json.dumps(loaded) + "\\n")
    sys.stderr.flush()
"""
    + REPORT_AT_QUICK_EXIT
    + """
sys.argv = ["pursuit", *args]
from pursuit.cli.main import main
try:
    main()
except SystemExit:
    report()
    raise
"""
)


def loaded_by(
    args: list[str], watched: tuple[str, ...] = HEAVY, env: dict[str, str] | None = None
) -> tuple[int, str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(watched), json.dumps(args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
    )
    last = done.stderr.rstrip().splitlines()[-1]
    assert last.startswith("LOADED "), done.stderr
    return done.returncode, done.stdout, json.loads(last.removeprefix("LOADED "))


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (["show", str(EXAMPLE)], "Daniel Rébillard"),  # the 1968 champion
        (["check", str(EXAMPLE)], "clean (28 entrants"),
        (["classify", str(EXAMPLE)], "Daniel Rébillard"),
        (["classify", str(EXAMPLE), "--json"], '"Daniel Rébillard"'),
        (["export", str(EXAMPLE), "--to", "csv"], "Daniel Rébillard"),
        (["export", str(EXAMPLE), "--to", "markdown"], "Daniel Rébillard"),
    ],
    ids=["show", "check", "classify", "classify --json", "export csv", "export markdown"],
)
def test_a_read_only_command_on_a_file_loads_no_store_service_pydantic_or_renderer(
    args: list[str], printed: str
) -> None:
    code, out, loaded = loaded_by(args)
    assert code == 0
    assert printed in out  # it did its work
    assert loaded == []


def test_show_on_a_file_prints_the_results_and_loads_only_its_own_command_module() -> None:
    modules = tuple(f"pursuit.cli.{e.module}" for e in COMMANDS.values())
    code, out, loaded = loaded_by(["show", str(EXAMPLE)], tuple(dict.fromkeys(modules)))
    assert code == 0
    assert "Final classification" in out
    assert loaded == ["pursuit.cli.results_commands"]


def test_show_into_a_pipe_prints_plain_text_without_making_a_rich_console() -> None:
    quiet = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    code, plain, loaded = loaded_by(["show", str(EXAMPLE)], ("rich.console",), quiet)
    assert (code, loaded) == (0, [])
    # asked for a terminal's output, Rich prints it: the same characters, with colour codes
    code, coloured, loaded = loaded_by(
        ["show", str(EXAMPLE)], ("rich.console",), {**quiet, "FORCE_COLOR": "1"}
    )
    assert (code, loaded) == (0, ["rich.console"])
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_help_lists_every_command_from_the_table_without_importing_one() -> None:
    modules = tuple(f"pursuit.cli.{e.module}" for e in COMMANDS.values())
    code, out, loaded = loaded_by(["--help"], (*dict.fromkeys(modules), "rich.console"))
    assert code == 0
    assert loaded == []
    lines = out.split("Commands:")[1].splitlines()
    listed = [line.split()[0] for line in lines if line.strip() and line[2] != " "]
    assert listed == list(COMMANDS)


def test_a_mistyped_command_is_still_answered_with_the_nearest_name() -> None:
    done = run_pursuit("shwo", str(EXAMPLE))
    assert done.returncode == 2
    assert "Did you mean 'show'?" in done.stderr


def test_exit_codes_are_kept_when_leaving_quickly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[competition\n", "utf-8")
    assert run_pursuit("check", str(EXAMPLE)).returncode == 0
    assert run_pursuit("check", str(bad)).returncode == 2
    assert run_pursuit("show", str(tmp_path / "missing.toml")).returncode == 2
    assert run_pursuit("show", str(EXAMPLE), "--decisions", "-1").returncode == 2
    assert run_pursuit("--version").returncode == 0
    assert run_pursuit().returncode == 2  # no command: the help, as a usage error


def test_a_store_is_closed_before_the_process_leaves(tmp_path: Path) -> None:
    """SQLite removes a WAL file when its last connection closes: left behind, it would show
    a process that ended with the store still open."""
    db = tmp_path / "c.db"
    url = f"sqlite:///{db}"
    assert run_pursuit("import", str(EXAMPLE), "--db", url).returncode == 0
    assert not Path(f"{db}-wal").exists()
    shown = run_pursuit("show", "--db", url)
    assert shown.returncode == 0
    assert "Daniel Rébillard" in shown.stdout
    assert not Path(f"{db}-wal").exists()


def one_heat_sheet_loads(tmp_path: Path, watched: tuple[str, ...]) -> list[str]:
    """The modules of `watched` that printing the 1968 final's heat sheet imported."""
    pdf = tmp_path / "heat.pdf"
    args = ["sheet", str(EXAMPLE), "-r", "F", "--heat", "1", "--kind", "heat", "--to", str(pdf)]
    code, _, loaded = loaded_by(args, watched)
    assert code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    return loaded


def test_a_heat_sheet_from_a_file_loads_no_store_live_state_or_matplotlib(tmp_path: Path) -> None:
    watched = (*(m for m in HEAVY if m != "typst"), "pursuit.core.live_state", "numpy")
    assert one_heat_sheet_loads(tmp_path, watched) == []


# Left out of `pursuit show FILE`: shipped files are read from the package's folder, JSON is
# written only by `check --json`, the user's login name is asked for only by commands that
# record who acted. (The probe imports nothing itself: PROBE's own `import json` would count.)
NOT_FOR_SHOW = ("importlib.resources", "json", "getpass")
BARE_PROBE = """
import os, sys
watched, sys.argv = sys.argv[1].split(","), ["pursuit", *sys.argv[2:]]
real_exit = os._exit
def exit_reporting(code):
    sys.stderr.write("\\nLOADED:" + ",".join(m for m in watched if m in sys.modules) + "\\n")
    sys.stderr.flush()
    real_exit(code)
os._exit = exit_reporting
from pursuit.cli.main import main
main()
"""


def test_show_on_a_file_imports_no_importlib_resources_json_or_getpass() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BARE_PROBE, ",".join(NOT_FOR_SHOW), "show", str(EXAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Daniel Rébillard" in done.stdout  # the format preset, nations and records were read
    assert done.stderr.rstrip().splitlines()[-1] == "LOADED:"


# Runs `pursuit ARGS` through the program's entry (pursuit.cli.entry), noting for each pursuit
# module whether the garbage collector was on when it was imported, then says on stderr what
# it saw and the collector's state at the end.
ENTRY_PROBE = (
    """
import gc, json, os, sys
on_at_import = {}
def audit(event, args):
    if event == "import" and args[0].startswith("pursuit"):
        on_at_import.setdefault(args[0], gc.isenabled())
sys.addaudithook(audit)
def report():
    seen = {"imports": on_at_import, "on": gc.isenabled(), "frozen": gc.get_freeze_count()}
    sys.stderr.write("\\nSEEN " + json.dumps(seen) + "\\n")
    sys.stderr.flush()
"""
    + REPORT_AT_QUICK_EXIT
    + """
sys.argv = ["pursuit", *json.loads(sys.argv[1])]
from pursuit.cli.entry import main
main()
"""
)


def test_the_collector_is_paused_while_a_command_starts_and_runs_for_its_work() -> None:
    done = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, json.dumps(["show", str(EXAMPLE)])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Daniel Rébillard" in done.stdout
    seen = json.loads(done.stderr.rstrip().splitlines()[-1].removeprefix("SEEN "))
    paused = ("pursuit.cli.main", "pursuit.core.engine", "pursuit.app.file_results")
    assert [seen["imports"][m] for m in paused] == [False, False, False]
    assert seen["imports"]["pursuit.cli.terminal"] is True  # imported by `show` as it prints
    assert seen["on"] is True
    assert seen["frozen"] > 10_000  # what the imports made, out of the collections' way


def test_importing_the_command_line_leaves_the_collector_alone() -> None:
    """Tests and scripts import the CLI's modules without the program's entry."""
    probe = "import gc, pursuit.cli.main, pursuit.cli.entry; print(gc.isenabled())"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "True")


def test_one_heat_sheet_loads_no_other_kind_of_page(tmp_path: Path) -> None:
    """The start list's, round's and classification's pages (their views, the bracket's chart
    model) are imported only when a sheet of theirs is asked for."""
    pages = ("start_list", "round_page", "classification_page")
    watched = (
        *(f"pursuit.sheets.{page}" for page in pages),
        "pursuit.views.start_list",
        "pursuit.views.round",
        "pursuit.views.classification",
        "pursuit.charts.bracket_model",
    )
    assert one_heat_sheet_loads(tmp_path, watched) == []
    # the whole set still has every kind
    every = tmp_path / "all.pdf"
    code, _, loaded = loaded_by(["sheet", str(EXAMPLE), "--to", str(every)], watched)
    assert code == 0
    assert every.read_bytes().startswith(b"%PDF")
    assert loaded == list(watched)


# Lists, after `pursuit ARGS`, pursuit's dataclasses whose docstring dataclasses made up
# (from `inspect.signature`, ≈ 0.1 ms a class at import) for want of their own.
UNDOCUMENTED_PROBE = """
import atexit, dataclasses, os, sys
sys.argv = ["pursuit", *sys.argv[1:]]
def report():
    made_up = [
        f"{name}.{value.__qualname__}"
        for name, module in list(sys.modules.items()) if name.startswith("pursuit")
        for value in vars(module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
        and value.__module__ == name and (value.__doc__ or "").startswith(value.__name__ + "(")
    ]
    sys.stderr.write("\\nMADE UP:" + ",".join(sorted(made_up)) + "\\n")
    sys.stderr.flush()
atexit.register(report)
real_exit = os._exit
def exit_reporting(code):
    report()
    real_exit(code)
os._exit = exit_reporting
from pursuit.cli.main import main
main()
"""


@pytest.mark.parametrize("command", ["show", "heat sheet"])
def test_every_dataclass_a_command_creates_has_its_own_docstring(
    command: str, tmp_path: Path
) -> None:
    args = {
        "show": ["show", str(EXAMPLE)],
        "heat sheet": ["sheet", str(EXAMPLE), "-r", "F", "--heat", "1", "--kind", "heat",
                       "--to", str(tmp_path / "heat.pdf")],
    }[command]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", UNDOCUMENTED_PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Daniel Rébillard" in done.stdout or (tmp_path / "heat.pdf").exists()
    assert done.stderr.rstrip().splitlines()[-1] == "MADE UP:"


def test_a_heat_sheet_drawn_by_typst_imports_no_hashlib(tmp_path: Path) -> None:
    """Only a chart drawn by matplotlib is hashed to name its file; typst draws the heat's."""
    pdf = tmp_path / "heat.pdf"
    args = ["sheet", str(EXAMPLE), "-r", "F", "--heat", "1", "--kind", "heat", "--to", str(pdf)]
    code, _, loaded = loaded_by(args, ("hashlib",))
    assert code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert loaded == []
