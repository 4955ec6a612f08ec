"""`pursuit check` reads a format that extends a preset; bad extensions name file, line and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_1968 = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"

# The 1968 semifinals paired the other way: W(1v8) v W(4v5) and W(2v7) v W(3v6).
OTHER_BRACKET = """\
extends = "olympic-1968"
name = "olympic-1968-other-bracket"

[[rounds]]
id = "SF"
heats = [["QF.W1", "QF.W4"], ["QF.W2", "QF.W3"]]
"""


def competition(tmp_path: Path, format_text: str, name: str = "edition.toml") -> Path:
    (tmp_path / name).write_text(format_text, "utf-8")
    text = EXAMPLE_1968.read_text("utf-8").replace('format = "olympic-1968"', f'format = "{name}"')
    path = tmp_path / "competition.toml"
    path.write_text(text, "utf-8")
    return path


def test_an_extending_format_changes_the_semifinal_pairing_and_nothing_else(tmp_path: Path):
    same = competition(tmp_path, 'extends = "olympic-1968"\nname = "same"\n')
    assert run("check", str(same)).returncode == 0
    other = competition(tmp_path, OTHER_BRACKET)
    result = run("check", str(other), "--json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    # the file's semifinal heats are the preset's: the other bracket pairs them otherwise
    assert {f["code"] for f in findings} == {"pairing"}
    assert any("pairs QF.W2 v QF.W3 in heat 2" in f["message"] for f in findings), findings


def test_an_extending_format_may_extend_a_file_next_to_it(tmp_path: Path):
    (tmp_path / "base.toml").write_text(
        (ROOT / "src" / "pursuit" / "formats" / "olympic-1968.toml").read_text("utf-8"), "utf-8"
    )
    path = competition(tmp_path, 'extends = "base.toml"\nname = "by-file"\n')
    result = run("classify", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["classification"][0]["name"] == "Daniel Rébillard"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('extends = "olympic-1867"\nname = "x"\n', 1, "extends: unknown format 'olympic-1867'"),
        (
            'name = "x"\nextends = "olympic-1968"\n\n[[rounds]]\nid = "R16"\nadvance = 1\n',
            5,
            "rounds[0].id: 'R16' is not a round of olympic-1968 (rounds: Q, QF, SF, B, F)",
        ),
        ('extends = 1968\nname = "x"\n', 1, "extends: must be a preset name"),
        ('extends = "edition.toml"\nname = "x"\n', 1, "extends: formats extend one another"),
        (
            'extends = "olympic-1968"\nname = "x"\n[[rounds]]\nid = "SF"\n'
            'heats = [["QF.W1", "QF.W9"]]\n',
            5,
            "QF.W9: round QF has 4 heats",
        ),
    ],
)
def test_a_bad_extension_is_unusable_and_the_error_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, says: str
):
    path = competition(tmp_path, text)
    result = run("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"edition.toml:{line}: " in result.stderr, result.stderr
    assert says in result.stderr
