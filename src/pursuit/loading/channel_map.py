"""Channel map files: which of the timer's channels is the start and which each pursuit line.

    [channels]
    C0 = "start"
    C1 = "line red"
    C2 = "line green"

    [delays]          # optional: seconds to subtract from a channel's impulses
    C1 = 0.0012

Channels are `C0` … `C9`; uses are `start`, `gate red`, `gate green`, `line red`, `line
green`, each at most once; a delay is a number of seconds from 0 to 1, to 1/10,000 s, for a
channel the map names. Every mistake is reported with its `file:line`.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pursuit.core.channels import USES, ChannelMap, ChannelUse, parse_use
from pursuit.core.commands import MapChannels
from pursuit.core.times import TICKS_PER_SECOND
from pursuit.errors import Place, PursuitError
from pursuit.loading.toml_lines import NESTED_TOO_DEEPLY, ValueLines

CHANNEL = re.compile(r"C\d")
MAX_DELAY_S = 1


class ChannelMapError(PursuitError):
    """A channel map file that cannot be used."""


def load_channel_map(path: Path) -> ChannelMap:
    """The channel map in the TOML file at `path`."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ChannelMapError(f"cannot read channel map {path}: {e}") from e
    return channel_map_from_text(text, str(path))


def channel_map_from_text(text: str, source: str) -> ChannelMap:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ChannelMapError(f"{source}: not valid TOML: {e}") from e
    except RecursionError as e:
        raise ChannelMapError(f"{source}: not valid TOML: {NESTED_TOO_DEEPLY}") from e
    return _Reader(source, ValueLines(text)).read(data)


class _Reader:
    def __init__(self, source: str, lines: ValueLines) -> None:
        self.source = source
        self.lines = lines

    def fail(self, message: str, *path: str) -> ChannelMapError:
        return ChannelMapError(message, Place.in_document(self.source, self.lines, path))

    def read(self, data: dict[str, Any]) -> ChannelMap:
        unknown = sorted(set(data) - {"channels", "delays"})
        if unknown:
            raise self.fail(
                f"unknown table or key {unknown[0]!r}: a channel map has [channels] and "
                "an optional [delays]",
                unknown[0],
            )
        channels = data.get("channels")
        if not isinstance(channels, dict) or not channels:
            raise self.fail('a channel map needs a [channels] table, e.g. C0 = "start"', "channels")
        uses: dict[str, ChannelUse] = {}
        taken: dict[str, str] = {}
        for channel, text in channels.items():
            self.check_channel(channel, "channels")
            if not isinstance(text, str) or (use := parse_use(text)) is None:
                raise self.fail(
                    f"{channel} = {text!r} is not a use: one of " + ", ".join(USES),
                    "channels",
                    channel,
                )
            if use.label in taken:
                raise self.fail(
                    f"{channel} and {taken[use.label]} are both {use.label!r}",
                    "channels",
                    channel,
                )
            taken[use.label] = channel
            uses[channel] = use
        delays = data.get("delays", {})
        if not isinstance(delays, dict):
            raise self.fail("[delays] must be a table of channel = seconds", "delays")
        for channel, value in delays.items():
            self.check_channel(channel, "delays")
            if channel not in uses:
                raise self.fail(
                    f"a delay for {channel}, which [channels] does not name", "delays", channel
                )
            ticks = self.delay_ticks(channel, value)
            use = uses[channel]
            uses[channel] = ChannelUse(use.kind, use.side, ticks)
        return ChannelMap(uses)

    def check_channel(self, channel: str, table: str) -> None:
        if not CHANNEL.fullmatch(channel):
            raise self.fail(f"{channel!r} is not a timer channel: C0 … C9", table, channel)

    def delay_ticks(self, channel: str, value: object) -> int:
        bad = self.fail(
            f"the delay of {channel} must be seconds from 0 to {MAX_DELAY_S}, "
            f"to 1/10,000 s (e.g. 0.0012); got {value!r}",
            "delays",
            channel,
        )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad
        try:
            seconds = Decimal(str(value))
        except InvalidOperation as e:  # pragma: no cover - a TOML number always reads
            raise bad from e
        ticks = seconds * TICKS_PER_SECOND
        if not 0 <= seconds <= MAX_DELAY_S or ticks != ticks.to_integral_value():
            raise bad
        return int(ticks)


def map_channels_command(channel_map: ChannelMap) -> MapChannels:
    """The command that records `channel_map` in the log (delays in ticks, 1/10,000 s)."""
    channels = tuple(sorted(channel_map.uses, key=lambda ch: int(ch[1:])))
    return MapChannels(
        channels=channels,
        uses=tuple(channel_map.uses[ch].label for ch in channels),
        delays=tuple(channel_map.uses[ch].delay_ticks for ch in channels),
    )


def channel_map_of(command: MapChannels) -> ChannelMap:
    """The map a `MapChannels` command records (its inverse, to compare with the log's)."""
    uses: dict[str, ChannelUse] = {}
    for channel, text, delay in zip(command.channels, command.uses, command.delays, strict=True):
        use = parse_use(text)
        if use is not None:
            uses[channel] = ChannelUse(use.kind, use.side, delay)
    return ChannelMap(uses)
