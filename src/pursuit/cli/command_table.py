"""Every `pursuit` command in one table: the module that holds it, its function (or, for a
group of commands, its Typer app) and the line `pursuit --help` shows for it.

The CLI imports a command's module only when that command runs (`cli/lazy_group.py`), so
`pursuit show FILE` never loads the store, the web server or the PDF sheets. A test keeps this
table in step with each module's `register` and with each command's own help.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """Where a command lives and how its process may end."""

    module: str  # under pursuit.cli
    attribute: str  # the command's function, or the Typer app of a group
    help: str  # the first sentence of its help, whole
    # When it is over the process may end without the interpreter's teardown: it opens
    # stores only through cli.database.service (closed before leaving) and starts no thread.
    quick_exit: bool = False


def _results(attribute: str, help: str) -> Entry:
    return Entry("results_commands", attribute, help, quick_exit=True)


def _log(attribute: str, help: str) -> Entry:
    return Entry("log_commands", attribute, help, quick_exit=True)


def _operate(attribute: str, help: str) -> Entry:
    return Entry("operate_commands", attribute, help, quick_exit=True)


def _incident(attribute: str, help: str) -> Entry:
    return Entry("incident_commands", attribute, help, quick_exit=True)


# In the order `pursuit --help` lists them: commands first, then the groups.
COMMANDS: dict[str, Entry] = {
    "show": _results("show", "Print every round's table and the final classification."),
    "classify": _results(
        "classify",
        "Print the final classification (or, with --json, every round and the classification).",
    ),
    "export": _results(
        "export", "Write the results tables as Markdown, wikitext, CSV, JSON or ODF XML."
    ),
    "check": _results("check", "List every inconsistency with its place (file:line)."),
    "new": _log("new", "Create a competition in the database."),
    "import": _log(
        "import_",
        "Import a whole competition: a .toml file in one atomic write, a .jsonl log command "
        "by command (every line is checked first).",
    ),
    "export-log": _log(
        "export_log",
        "Write a competition out of the database: its whole log, or a competition file.",
    ),
    "log": _log("log", "Show the history: every event with its position, time, who, and what."),
    "schedule": _operate(
        "schedule",
        "Set the day and start time of a round (again to move it); shown in the schedule.",
    ),
    "draw": _operate(
        "draw", "Draw a round: qualifying pairs, or the knockout heats the format gives."
    ),
    "start": _operate("start", "Start a heat."),
    "split": _operate("split", "Record a half-lap split; reports a catch the splits show."),
    "skip": _operate(
        "skip", "Mark a half lap nobody timed as missed: the next split keeps its own number."
    ),
    "finish": _operate("finish", "Record a finish time (typed, or from the timer's impulse)."),
    "catch": _operate("catch", "Record a catch (the judged fact); its effect follows the format."),
    "dns": _operate("dns", "Record a non-start."),
    "dnf": _operate("dnf", "Record a non-finish."),
    "dsq": _operate("dsq", "Disqualify (commissaires)."),
    "rel": _operate("rel", "Relegate (commissaires)."),
    "correct": _operate("correct", "Correct a ride's time, status or one of its half-lap splits."),
    "decide": _operate(
        "decide",
        "Record a decision of the commissaires or a federation (protest, appeal, award).",
    ),
    "lineup": _operate(
        "lineup",
        "Declare a team's line-up for a round, until its heat starts (team pursuit).",
    ),
    "drop": _operate(
        "drop",
        "Record a team's rider dropped in a running heat; with fewer than the counting rider "
        "left the team cannot finish (DNF).",
    ),
    "order": _operate(
        "order",
        "Record who was faster in a round, as a source published it without the times: used "
        "wherever the results order by that round's time, and checked against every known time.",
    ),
    "false-start": _incident(
        "false_start",
        "Record a false start: the heat is stopped and restarted; with no start left in the "
        "round the format's sanction applies (qualifying: eliminated; final: beaten).",
    ),
    "incident": _incident(
        "incident",
        "Record a recognised mishap: in the first half lap the heat restarts; later, a re-ride "
        "at the end of qualifying, or considered beaten in a final (the format says).",
    ),
    "replay": Entry(
        "replay_command",
        "replay",
        "Replay a competition live: draws, starts, half-lap splits, catches and finishes, in "
        "accelerated time.",
    ),
    "sheet": Entry(
        "sheet_command",
        "sheet",
        "Write PDF result sheets: start lists, heat sheets, round results, final classification.",
    ),
    "publish": Entry(
        "publish_command",
        "publish",
        "Publish the competition as a static site: an overview, a page per start list, heat "
        "and round, the classification, the charts, every PDF sheet, and the JSON, Markdown, "
        "wikitext and CSV exports.",
    ),
    "serve": Entry(
        "serve_command",
        "serve",
        "Serve the public pages, the operator console (/console) and the JSON API (/api).",
    ),
    "entries": _log("entries_app", "Manage the entries of a competition."),
    "user": Entry(
        "user_commands",
        "users_app",
        "Operators: add, change role or password, issue and revoke API tokens, disable, list.",
    ),
    "timing": Entry(
        "timing_commands",
        "app",
        "Timing devices: record a timer's impulses (serial or TCP), or emulate a timer.",
    ),
}
