"""Mutated inputs and the real loaders they go through: shared by the fuzz tests and
`bench/fuzz_report.py`.

Each `*_inputs()` strategy starts from real files (the example, the planted mistakes, a synthetic
competition with splits, the shipped formats, an entries CSV, exported event logs) and breaks
them the way a careless editor or a hostile sender would: lines deleted, duplicated or swapped,
values of another type, deep nesting, huge numbers and strings, unicode oddities, bytes that are
not UTF-8. Each `drive_*` function reads one input as the CLI would and shows what it made of
it; it returns when the input is accepted, raises `PursuitError` when it is refused, and raises
anything else only on a crash (a traceback a user would see).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import hypothesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from rich.console import Console

from pursuit.app.creation import create_command
from pursuit.app.entries import commands_from_csv
from pursuit.app.file_results import compute_file
from pursuit.app.importing import commands_from_file
from pursuit.app.log_files import by_command, read_jsonl, write_jsonl
from pursuit.app.service import CompetitionService
from pursuit.cli.terminal import print_results
from pursuit.core import commands as c
from pursuit.core.engine import compute
from pursuit.core.times import parse_time
from pursuit.errors import PursuitError
from pursuit.loading.format_files import format_definition
from pursuit.store.open import open_store
from pursuit.views.results import ResultsView, build_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
PLANTED = ROOT / "tests" / "data" / "planted-mistakes.toml"
FORMATS = ROOT / "src" / "pursuit" / "formats"
T = TypeVar("T")
RIDERS = [
    ("Anna Aalto", "FIN", "4:30.000"),
    ("Berit Berg", "NOR", "4:31.000"),
    ("Carla Costa", "POR", "4:40.000"),
    ("Dora Dahl", "DEN", "4:41.000"),
]


def fuzz(examples: int, seed: int | None = None) -> Callable[[T], T]:
    """Settings for a fuzz test: bounded by a count of examples, not by time. Derandomized
    (every CI run tries the same inputs, a failure reproduces) unless a seed is given."""
    config = settings(
        max_examples=examples,
        derandomize=seed is None,
        phases=(Phase.explicit, Phase.generate),  # no shrinking: a failure ends the run at once
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )

    def apply(test: T) -> T:
        return config(test) if seed is None else hypothesis.seed(seed)(config(test))

    return apply


# --- seeds -------------------------------------------------------------------------------


@cache
def competition_seeds() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synthetic  # the bench's generator: heats, sides, splits, catches
    finally:
        sys.path.remove(str(ROOT / "bench"))
    made: str = synthetic.build(8).text
    return (EXAMPLE.read_text("utf-8"), PLANTED.read_text("utf-8"), made)


@cache
def format_seeds() -> tuple[str, ...]:
    return tuple(p.read_text("utf-8") for p in sorted(FORMATS.glob("*.toml")))


@cache
def csv_seed() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "nation", "family_name", "bib", "seed_time", "roster"])
    writer.writerow(["Xaver Kurmann", "SUI", "Kurmann", "1", "4:40.41", ""])
    writer.writerow(["Daniel Rébillard", "FRA", "", "2", "4:42.15", ""])
    writer.writerow(["Gwon Jung-hyeon", "KOR", "Gwon", "", "", ""])
    writer.writerow(["Team Rot", "GER", "", "7", "4:05.2", "A Eins;B Zwei;C Drei;D Vier"])
    writer.writerow(["Denfield McNab", "", "", "", "5:01", ""])
    return out.getvalue()


def _uci(svc: CompetitionService, cid: str) -> None:
    definition = format_definition("uci-individual-pursuit")
    svc.handle(
        cid,
        create_command(
            "uci-individual-pursuit",
            definition,
            "Cup",
            track_length_m=250.0,
            dates=("2026-05-01",),
        ),
        "admin",
    )


@cache
def log_seeds() -> tuple[str, ...]:
    """Two event logs as `pursuit log export` writes them: the example imported, and a small
    competition ridden live (draw, start, splits, finish, a catch, a non-start)."""
    ticks = iter(range(10**6))
    svc = CompetitionService(open_store("memory://"), clock=lambda: f"t{next(ticks):06d}")
    svc.handle("mx", commands_from_file(EXAMPLE), "import")
    _uci(svc, "cup")
    for name, nation, seed_time in RIDERS:
        svc.handle("cup", c.RegisterEntrant(name, nation, seed_time=parse_time(seed_time)), "admin")
    state = svc.handle("cup", c.DrawRound("Q"), "admin").state
    first, second = (state.heats["Q"][n].entrants for n in (1, 2))
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    for k, name in enumerate(first):
        svc.handle("cup", c.RecordSplit("Q", 1, name, parse_time(f"{18 + k}.500")), "tk")
        svc.handle("cup", c.RecordFinish("Q", 1, name, parse_time(f"4:3{k}.123")), "tk")
    svc.handle("cup", c.RecordNonStart("Q", second[1]), "com")
    return (write_jsonl(svc.history("mx")), write_jsonl(svc.history("cup")))


# --- values ------------------------------------------------------------------------------

ODD_TEXT = [
    "",
    " ",
    "\u202eevil\u202c",  # right-to-left override
    "Zo\u0308e",  # combining mark
    "\u200b",  # zero width space
    "\ufeffbom",
    "\u0000nul",
    "line\nbreak",
    "tab\there",
    "Ⅻ",
    "４:４０.４１",  # fullwidth digits
    "٤:٤٠.٤١",  # Arabic-Indic digits
    "𝟒:𝟒𝟎.𝟒𝟏",  # mathematical digits
    "4:40.41",
    "4'40\"41",
    "-4:40.41",
    "99:99.99",
    "0",
    "1e309",
    "nan",
    "Math $\\undefinedcmd$ Rider",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "Q#1",
    "W(QF1)",
    "_users",
    "😀" * 3,
]


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _deep(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return "{ a = " * depth + "1" + " }" * depth


def toml_values() -> st.SearchStrategy[str]:
    """A TOML value as text, of any type and any size."""
    return st.one_of(
        st.integers().map(str),
        st.integers(min_value=19, max_value=5000).map(lambda n: "9" * n),
        st.floats().map(lambda x: "nan" if x != x else ("inf" if x == float("inf") else repr(x))),
        st.sampled_from(
            [
                "true",
                "false",
                "0",
                "-1",
                "1968-10-17",
                "1968-10-17T10:00:00Z",
                "1968-10-17 10:00:00",
                "10:00:00",
                "inf",
                "-inf",
                "nan",
                "[]",
                "{}",
                '["x"]',
                "[1, 2]",
                '[["x"]]',
                "[true]",
                "{ a = 1 }",
                '{ name = "X" }',
                '[{ rider = "X" }]',
            ]
        ),
        st.sampled_from(ODD_TEXT).map(_toml_string),
        st.text(max_size=30).map(_toml_string),
        st.integers(min_value=2, max_value=600).flatmap(
            lambda d: st.sampled_from([_deep(d, "array"), _deep(d, "table")])
        ),
        st.integers(min_value=1000, max_value=200_000).map(lambda n: _toml_string("x" * n)),
        st.integers(min_value=19, max_value=5000).map(lambda n: _toml_string("9" * n)),
    )


JSON_ODD: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    5,
    10**30,
    1.5,
    float("nan"),
    float("inf"),
    "",
    "x",
    "4:40.41",
    "9" * 5000,
    "x" * 100_000,
    [],
    {},
    ["x"],
    [1, 2],
    {"a": 1},
    {"name": "X"},
    *ODD_TEXT,
]


# --- mutations ----------------------------------------------------------------------------

KEY_VALUE = r'([A-Za-z0-9_."-]+\s*=\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,}\]\s]+)'


@st.composite
def _line_edit(draw: st.DrawFn, lines: list[str], extra: st.SearchStrategy[str]) -> list[str]:
    if not lines:
        return [draw(extra)]
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
    out = list(lines)
    if kind == "delete":
        del out[i]
    elif kind == "duplicate":
        out.insert(j, out[i])
    elif kind == "swap":
        out[i], out[j] = out[j], out[i]
    elif kind == "insert":
        out.insert(i, draw(extra))
    else:
        out[i] = out[i][: draw(st.integers(0, len(out[i])))]
    return out


@st.composite
def _retype_toml(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One `key = value` (a line or a field of an inline table) given a value of another type."""
    spots = [(n, m) for n, line in enumerate(lines) for m in re.finditer(KEY_VALUE, line)]
    if not spots:
        return lines
    n, m = draw(st.sampled_from(spots))
    out = list(lines)
    line = out[n]
    out[n] = line[: m.start(2)] + draw(toml_values()) + line[m.end(2) :]
    return out


def _toml_line(keys: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda k, v: f"{k} = {v}", st.sampled_from(keys), toml_values()),
        st.sampled_from(
            [
                "[competition]",
                "[entrants]",
                "[published]",
                "[rounds.ZZ]",
                "[rounds.Q]",
                "[[rounds]]",
                "[[rounds.Q.rides]]",
                "[entrants.riders]",
                "[[entrants.riders]]",
                '{ rider = "X" }',
                "]",
                "=",
                '"""',
            ]
        ),
    )


@st.composite
def _bytes_edit(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["invalid", "latin-1", "utf-16", "bom", "truncate", "nul", "none"]))
    at = draw(st.integers(0, len(data)))
    if kind == "invalid":
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    if kind == "latin-1":
        return data.decode("utf-8").encode("latin-1", errors="replace")
    if kind == "utf-16":
        return data.decode("utf-8").encode("utf-16")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "truncate":
        return data[:at]
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    return data


def _keys(texts: tuple[str, ...]) -> list[str]:
    return sorted({m[1].split("=")[0].strip() for t in texts for m in re.finditer(KEY_VALUE, t)})


@st.composite
def _mutated_toml(draw: st.DrawFn, seeds: tuple[str, ...]) -> bytes:
    lines = draw(st.sampled_from(seeds)).splitlines()
    extra = _toml_line(_keys(seeds))
    for _ in range(draw(st.integers(1, 4))):
        edit = _retype_toml(lines) if draw(st.booleans()) else _line_edit(lines, extra)
        lines = draw(edit)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if draw(st.integers(0, 9)) == 0:  # one in ten: bytes that are not what they say
        data = draw(_bytes_edit(data))
    return data


def competition_inputs() -> st.SearchStrategy[bytes]:
    """A competition file, mutated."""
    return _mutated_toml(competition_seeds())


def format_inputs() -> st.SearchStrategy[bytes]:
    """A format file, mutated."""
    return _mutated_toml(format_seeds())


@st.composite
def csv_inputs(draw: st.DrawFn) -> bytes:
    """An entries CSV, mutated: cells, rows, the header and the bytes."""
    rows = list(csv.reader(csv_seed().splitlines()))
    cell = st.one_of(
        st.sampled_from(ODD_TEXT),
        st.text(max_size=20),
        st.sampled_from(["name", "nation", "seed_time", "roster", "x;y;z", ";;;", '"', "a,b"]),
        st.integers(min_value=19, max_value=5000).map(lambda n: "9" * n),
        st.integers(min_value=1000, max_value=140_000).map(lambda n: "x" * n),
    )
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "widen", "narrow", "row"]))
        r = draw(st.integers(0, len(rows) - 1)) if rows else 0
        if kind == "cell" and rows and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(cell)
        elif kind == "widen" and rows:
            rows[r].append(draw(cell))
        elif kind == "narrow" and rows and rows[r]:
            rows[r].pop()
        elif kind == "row":
            rows = [list(x) for x in draw(_line_edit([tuple(x) for x in rows], st.just(())))]  # type: ignore[arg-type]
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"]))).writerows(rows)
    data = out.getvalue().encode("utf-8")
    if draw(st.integers(0, 4)) == 0:
        lines = data.decode("utf-8").splitlines()
        data = "\n".join(draw(_line_edit(lines, st.sampled_from(ODD_TEXT)))).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = draw(_bytes_edit(data))
    return data


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*at, k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _paths(v, (*at, n))


@st.composite
def _event_edit(draw: st.DrawFn, row: dict[str, Any], types: list[str]) -> dict[str, Any]:
    """One field of one event (anywhere in it) dropped, retyped or renamed."""
    paths = [p for p in _paths(row) if p]
    path = draw(st.sampled_from(paths))
    parent: Any = row
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    kind = draw(st.sampled_from(["drop", "value", "value", "type", "deep"]))
    if kind == "drop":
        del parent[last]
    elif kind == "value":
        parent[last] = draw(st.sampled_from(JSON_ODD))
    elif kind == "type":
        row["type"] = draw(st.sampled_from([*types, "Unknown", "", "FinishRecorded"]))
    else:  # written out by `_dumps`: too deep for json.dumps itself
        parent[last] = f"{DEEP}{draw(st.integers(2, 5000))}"
    return row


DEEP = "\u2063deep:"


def _dumps(row: dict[str, Any]) -> str:
    text = json.dumps(row, ensure_ascii=False)
    return re.sub(f'"{DEEP}(\\d+)"', lambda m: "[" * int(m[1]) + "]" * int(m[1]), text)


def _json_object(line: str) -> dict[str, Any] | None:
    try:
        row = json.loads(line)
    except (ValueError, RecursionError):  # a line an earlier edit cut short or nested deep
        return None
    return row if isinstance(row, dict) and row else None


@st.composite
def jsonl_inputs(draw: st.DrawFn) -> bytes:
    """An event log, mutated: events dropped, repeated, reordered, fields dropped or retyped,
    unknown types, lines cut short, bytes not UTF-8."""
    lines = draw(st.sampled_from(log_seeds())).splitlines()
    types = sorted({json.loads(line)["type"] for line in lines})
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1)) if lines else 0
        row = _json_object(lines[n]) if lines else None
        if row and draw(st.integers(0, 2)):
            lines[n] = _dumps(draw(_event_edit(row, types)))
        else:
            lines = draw(_line_edit(lines, st.sampled_from(["{}", "[]", "null", "{", "5"])))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = draw(_bytes_edit(data))
    return data


# --- drivers: what the CLI does with each input, in process -------------------------------


def render(view: ResultsView) -> str:
    """What `pursuit show` prints."""
    out = io.StringIO()
    print_results(Console(file=out, width=100, highlight=False), view)
    return out.getvalue()


def show_stored(svc: CompetitionService, cid: str) -> None:
    """`pursuit show --db … -c cid`."""
    render(build_view(compute(svc.existing(cid).competition())))


def unchanged(svc: CompetitionService, before: dict[str, int]) -> bool:
    return {cid: svc.store.head(cid) for cid in svc.store.competitions()} == before


def heads(svc: CompetitionService) -> dict[str, int]:
    return {cid: svc.store.head(cid) for cid in svc.store.competitions()}


def drive_competition_file(path: Path) -> None:
    """`check` and `show` the file, then `import` it into a database and `show` it there;
    a refused import writes nothing."""
    computed = compute_file(path)
    render(computed.view)
    svc = CompetitionService(open_store("memory://"))
    try:
        svc.handle("fz", commands_from_file(path), "fuzz")
    except PursuitError:
        assert heads(svc) == {}, "a refused import wrote events"
        raise
    show_stored(svc, "fz")


def drive_format_file(path: Path) -> None:
    """`new --format FILE`, entries and the first draw; then a competition file that names the
    format, checked and shown."""
    definition = format_definition(str(path))
    svc = CompetitionService(open_store("memory://"))
    try:
        svc.handle("fz", create_command(str(definition.get("name")), definition, "T"), "fuzz")
    except PursuitError:
        assert heads(svc) == {}, "a refused competition wrote events"
        raise
    for name, nation, seed_time in RIDERS:
        svc.handle("fz", c.RegisterEntrant(name, nation, seed_time=parse_time(seed_time)), "f")
    first = svc.existing("fz").competition().format.rounds[0].id
    before = heads(svc)
    try:
        svc.handle("fz", c.DrawRound(first), "fuzz")
    except PursuitError:
        assert heads(svc) == before, "a refused draw wrote events"
    show_stored(svc, "fz")
    text = EXAMPLE.read_text("utf-8").replace('format = "olympic-1968"', f'format = "{path.name}"')
    competition = path.with_name("with-format.toml")
    competition.write_text(text, "utf-8")
    render(compute_file(competition).view)


def drive_csv(path: Path) -> None:
    """`entries import FILE` into a competition, then `show` it; a refusal writes nothing."""
    svc = CompetitionService(open_store("memory://"))
    _uci(svc, "fz")
    before = heads(svc)
    try:
        svc.handle("fz", commands_from_csv(path), "fuzz")
    except PursuitError:
        assert heads(svc) == before, "a refused entries import wrote events"
        raise
    show_stored(svc, "fz")


def drive_jsonl(path: Path) -> None:
    """`import FILE.jsonl` (every line checked before anything is written), then `show`."""
    events = read_jsonl(path)
    svc = CompetitionService(open_store("memory://"))
    count = 0
    for group in by_command(events):
        count += len(svc.store.append("fz", count, group))
    show_stored(svc, "fz")


@dataclass(frozen=True)
class Loader:
    name: str
    suffix: str
    inputs: Callable[[], st.SearchStrategy[bytes]]
    drive: Callable[[Path], None]


LOADERS = (
    Loader("competition file", ".toml", competition_inputs, drive_competition_file),
    Loader("format file", ".toml", format_inputs, drive_format_file),
    Loader("entries CSV", ".csv", csv_inputs, drive_csv),
    Loader("event log", ".jsonl", jsonl_inputs, drive_jsonl),
)


def changes(data: bytes) -> str:
    """What a mutated input changed in the seed it came from, as a diff: the input of a crash,
    readably."""
    text = data.decode("utf-8", errors="replace")
    seeds = [*competition_seeds(), *format_seeds(), csv_seed(), *log_seeds()]
    diffs = [
        "\n".join(difflib.unified_diff(seed.splitlines(), text.splitlines(), lineterm="", n=0))
        for seed in seeds
    ]
    best = min(diffs, key=len)
    return (best[:4000] + " …") if len(best) > 4000 else best


def crash_site(error: BaseException) -> str:
    """Where a crash comes from: its type and the deepest frame in pursuit's own code."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/pursuit/" in f.filename and "/tests/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = ""
    if where is not None:
        place = f" at {where.filename.split('/src/')[-1]}:{where.lineno} ({where.name})"
    return f"{type(error).__name__}{place}"
