"""A competition file may hold its format as a `[format]` table instead of naming one."""

from __future__ import annotations

import pytest

from pursuit.errors import CompetitionFileError
from pursuit.loading.competition_file import competition_from_text

FILE = """[competition]
title = "Club"
{name_line}

[entrants]
riders = [{{name = "A"}}, {{name = "B"}}]

[rounds.F]
rides = [{{rider = "A", time = "4:30.00"}}, {{rider = "B", time = "4:31.00"}}]

[format]
name = "club-ip"
event = "individual"

[[format.rounds]]
id = "F"
name = "Final"
kind = "{kind}"

[[format.classification]]
members = "ranked:F"
order = "rank:F"
"""


def test_a_file_with_its_format_embedded_reads_and_computes_without_a_preset() -> None:
    loaded = competition_from_text(FILE.format(name_line="", kind="timed"), "club.toml")
    assert loaded.findings == []
    assert loaded.competition.format.name == "club-ip"
    assert loaded.format is not None and loaded.format.definition["name"] == "club-ip"
    named = competition_from_text(
        FILE.format(name_line='format = "club-ip"', kind="timed"), "club.toml"
    )
    assert named.competition.format.name == "club-ip"


def test_a_broken_embedded_format_is_refused_on_its_line_in_the_file() -> None:
    with pytest.raises(CompetitionFileError) as refused:
        competition_from_text(FILE.format(name_line="", kind="sprint"), "club.toml")
    assert refused.value.place is not None and refused.value.place.line == 18
    assert str(refused.value).startswith("club.toml:18:") and "format.rounds" in str(refused.value)


def test_a_name_that_is_not_the_embedded_formats_is_refused_naming_both() -> None:
    with pytest.raises(CompetitionFileError, match=r"'olympic-1968'.*'club-ip'"):
        competition_from_text(
            FILE.format(name_line='format = "olympic-1968"', kind="timed"), "club.toml"
        )


def test_a_file_with_neither_a_format_name_nor_a_format_table_is_refused() -> None:
    text = FILE.format(name_line="", kind="timed").split("[format]")[0]
    with pytest.raises(CompetitionFileError, match=r"competition\.format must name a preset"):
        competition_from_text(text, "club.toml")


def test_the_embedded_format_example_in_the_docs_reads() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "competition-file.md").read_text("utf-8")
    block = doc.split("# The format written in the file")[1].split("```")[0]
    loaded = competition_from_text("#" + block, "docs example")  # the comment line, cut
    assert loaded.findings == [] and loaded.competition.format.name == "club-ip"
