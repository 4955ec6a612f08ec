"""Channel map files: read into a ChannelMap, every mistake said with its file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pursuit.core.channels import DEFAULT_MAP, ChannelMap, ChannelUse
from pursuit.core.commands import MapChannels
from pursuit.loading.channel_map import (
    ChannelMapError,
    channel_map_from_text,
    channel_map_of,
    load_channel_map,
    map_channels_command,
)

GOOD = """\
# the velodrome's wiring
[channels]
C0 = "start"
C1 = "line red"
C2 = "line green"

[delays]  # the red contact's cable is long
C1 = 0.0012
"""


def test_a_good_map_reads_with_its_delays(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text(GOOD, "utf-8")
    found = load_channel_map(path)
    assert found == ChannelMap(
        {
            "C0": ChannelUse("start", None),
            "C1": ChannelUse("line", "red", 12),
            "C2": ChannelUse("line", "green"),
        }
    )


def test_gates_instead_of_one_start() -> None:
    text = '[channels]\nC3 = "gate red"\nC4 = "gate green"\nC1 = "line red"\nC2 = "line green"\n'
    found = channel_map_from_text(text, "map.toml")
    assert found.channel_of("gate green") == "C4"
    assert found.use_of("C3") == ChannelUse("gate", "red")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[channels]\nC0 = "start"\nX1 = "line red"\n', 3, "'X1' is not a timer channel"),
        ('[channels]\nC0 = "start"\nC12 = "line red"\n', 3, "'C12' is not a timer channel"),
        ('[channels]\nC0 = "start"\n\nC1 = "line blue"\n', 4, "'line blue' is not a use"),
        ('[channels]\nC0 = "start"\nC1 = 1\n', 3, "1 is not a use"),
        ('[channels]\nC0 = "start"\nC1 = "start"\n', 3, "C1 and C0 are both 'start'"),
        ('[channels]\nC0 = "start"\n[delays]\nC0 = -0.1\n', 4, "the delay of C0"),
        ('[channels]\nC0 = "start"\n[delays]\nC0 = 0.00001\n', 4, "to 1/10,000 s"),
        ('[channels]\nC0 = "start"\n[delays]\nC0 = "1 ms"\n', 4, "got '1 ms'"),
        ('[channels]\nC0 = "start"\n[delays]\nC0 = 2\n', 4, "from 0 to 1"),
        ('[channels]\nC0 = "start"\n[delays]\nC5 = 0.1\n', 4, "C5, which [channels] does not"),
        ('[channels]\nC0 = "start"\n\n[track]\nname = "x"\n', 4, "unknown table or key 'track'"),
        ('title = "x"\n', 1, "unknown table or key 'title'"),
        ("[delays]\nC0 = 0.1\n", None, "needs a [channels] table"),
    ],
)
def test_a_mistake_is_said_with_its_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(ChannelMapError) as caught:
        channel_map_from_text(text, "track.toml")
    message = str(caught.value)
    assert words in message
    if line is not None:
        assert message.startswith(f"track.toml:{line}: ")
    else:
        assert message.startswith("track.toml")


def test_not_toml_and_no_file(tmp_path: Path) -> None:
    with pytest.raises(ChannelMapError, match=r"^track.toml: not valid TOML"):
        channel_map_from_text("[channels\n", "track.toml")
    with pytest.raises(ChannelMapError, match="cannot read channel map"):
        load_channel_map(tmp_path / "missing.toml")


def test_the_command_that_records_a_map_and_back() -> None:
    found = channel_map_from_text(GOOD, "map.toml")
    command = map_channels_command(found)
    assert command == MapChannels(
        channels=("C0", "C1", "C2"), uses=("start", "line red", "line green"), delays=(0, 12, 0)
    )
    assert channel_map_of(command) == found
    assert channel_map_of(map_channels_command(DEFAULT_MAP)) == DEFAULT_MAP
