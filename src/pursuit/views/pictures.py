"""The pictures a page names: the address of a chart and its alternative text.

The charts are the same pictures as the PDF sheets (`pursuit.charts`); the web serves them as SVG
from `/c/{id}/charts/…` (`pursuit.web.routes.charts` makes them). The address carries the log
position, so a live page that swaps in its new fragment after a split also loads the new picture.
A picture may have a variant drawn for a phone (`phone`, under `/c/{id}/charts/phone/…`), which
the page offers to narrow screens in a `<picture>` (`_picture.html`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str
    phone: str = ""  # the address of the variant drawn for a phone; "": none


def heat_pictures(
    competition: str, round_id: str, number: int, position: int, riders: tuple[str, str]
) -> tuple[Picture, ...]:
    base = f"/c/{competition}/charts/heat/{round_id}/{number}"
    phone = f"/c/{competition}/charts/phone/heat/{round_id}/{number}"
    a, b = riders
    return (
        Picture(
            f"{base}/gap.svg?at={position}",
            f"Chart: the gap between {a} and {b} at each half lap over the distance.",
            f"{phone}/gap.svg?at={position}",
        ),
        Picture(
            f"{base}/laps.svg?at={position}",
            f"Chart: the lap times of {a} and {b}, lap by lap.",
            f"{phone}/laps.svg?at={position}",
        ),
    )


def round_picture(competition: str, round_id: str, name: str, position: int) -> Picture:
    return Picture(
        f"/c/{competition}/charts/results/{round_id}.svg?at={position}",
        f"Chart: the times of the {name.lower()} as bars in ranking order, with the "
        "qualification line and the overtaken riders below it.",
        f"/c/{competition}/charts/phone/results/{round_id}.svg?at={position}",
    )


def bracket_picture(competition: str, position: int) -> Picture:
    return Picture(
        f"/c/{competition}/charts/bracket.svg?at={position}",
        "Chart: the knockout rounds as a bracket, each heat with both riders and the winner.",
        f"/c/{competition}/charts/phone/bracket.svg?at={position}",
    )
