"""What a ride came to: one explicit type per outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pursuit.core.times import RaceTime


class Status(Enum):
    """How a ride ended. The value is the wire name used in files and events."""

    FINISHED = "finished"
    CAUGHT_OPPONENT = "caught"  # this competitor overtook the other
    OVERTAKEN = "overtaken"  # this competitor was overtaken
    DNS = "dns"
    DNF = "dnf"
    DSQ = "dsq"
    REL = "rel"
    BEATEN = "beaten"  # considered beaten after a mishap or a second false start (3.2.075)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.FINISHED: "",
    Status.CAUGHT_OPPONENT: "Caught opponent",
    Status.OVERTAKEN: "Overtaken",
    Status.DNS: "DNS",
    Status.DNF: "DNF",
    Status.DSQ: "DSQ",
    Status.REL: "REL",
    Status.BEATEN: "Considered beaten",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A status and, where one was taken, a time.

    Finished rides normally carry a time; a result known without its time (a
    published loser whose time was never printed) is a finished ride with no time.
    """

    status: Status
    time: RaceTime | None = None

    @property
    def rode(self) -> bool:
        """Took the start and was not thrown out."""
        return self.status not in (Status.DNS, Status.DSQ)

    @property
    def completed(self) -> bool:
        """Covered the distance (or ended it by catching the opponent)."""
        return self.status in (Status.FINISHED, Status.CAUGHT_OPPONENT)


def finished(time: RaceTime | None) -> Outcome:
    return Outcome(Status.FINISHED, time)


def overtaken(time: RaceTime | None = None) -> Outcome:
    return Outcome(Status.OVERTAKEN, time)
