"""Reading the ODF export in tests: the project's XSD, the messages and their result rows."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

XSD = "schemas/odf-cycling-track.xsd"  # shipped with the package


@cache
def schema() -> etree.XMLSchema:
    text = resources.files("pursuit").joinpath(XSD).read_bytes()
    return etree.XMLSchema(etree.fromstring(text))


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def bodies(document: etree._Element, kind: str) -> list[etree._Element]:
    return [b for b in document.findall("OdfBody") if b.get("DocumentType") == kind]


def rows_of(body: etree._Element) -> list[dict[str, Any]]:
    """Each Result of the message as plain facts: name (the team's, or the athlete's),
    rank, equal, time, IRM, records, organisation, members."""
    rows = []
    for result in body.findall("Competition/Result"):
        competitor = result.find("Competitor")
        team = competitor.find("Description")
        members = [
            a.find("Description").get("Name") for a in competitor.findall("Composition/Athlete")
        ]
        rows.append(
            {
                "name": team.get("TeamName") if team is not None else members[0],
                "rank": result.get("Rank"),
                "equal": result.get("RankEqual") == "Y",
                "time": result.get("Result"),
                "irm": result.get("IRM"),
                "mark": result.get("QualificationMark"),
                "records": [r.get("Code") for r in result.findall("RecordIndicator")],
                "splits": [
                    (int(e.get("Pos")), e.get("Value"))
                    for e in result.findall("ExtendedResults/ExtendedResult")
                ],
                "organisation": competitor.get("Organisation"),
                "members": members,
            }
        )
    return rows
