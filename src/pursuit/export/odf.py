"""ODF-style XML for cycling track: start lists and results, brackets, ranking and records.

In the spirit of the IOC Olympic Data Feed (ODF) data dictionary for cycling track (the version
published for Rio 2016); the XSD this writes to, and what it simplifies, is
`schemas/odf-cycling-track.xsd` (see docs/feeds.md). One file holds every message, each an
`OdfBody` under one `OdfFeed` root:

- `DT_RESULT` per phase (a timed round: its whole ranking) or unit (a knockout heat), with a
  result status: START_LIST before anyone rides, LIVE while a heat is on the track, INTERMEDIATE
  while a round is part ridden, UNOFFICIAL once a heat is ridden in a round still going on,
  OFFICIAL once the round is complete (the project's rule: complete is official);
- `DT_BRACKETS`: the knockout rounds, heat by heat;
- `DT_RANKING`: the final classification;
- `DT_RECORD`: the records set.

Every rank, time, mark and record is the results view's; outcomes and splits come from
`views.feed_facts`. Nothing here applies a rule: it only names what the view says in ODF codes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pursuit.views.feed_facts import FeedFacts, RideFacts
from pursuit.views.results import HeatView, ResultsView, RoundView, RowView

SOURCE = "PURSUIT"
VERSION = "1"

# Event codes of the ODF record messages (TIMING.md §4): discipline CT, gender, event.
_EVENTS = {"individual pursuit": "010", "team pursuit": "402"}
_GENDERS = {"men": "M", "women": "W"}
# The outcome (its wire name) as an invalid-result mark; a finished ride has none.
IRMS = {"overtaken": "OVL", "dns": "DNS", "dnf": "DNF", "dsq": "DSQ", "rel": "REL"}
_PHASE_DIGITS = {"qualifying": "9", "final": "1"}  # other knockout rounds: 8, 7, … in order
_BRACKETS = {(1, 2): "FNL", (3, 4): "BRN", (5, 6, 7, 8): "5_8"}
RECORD_TYPES = ("WR", "OR")
QUALIFICATION_MARKS = ("Q", "QG", "QB", "R")

START_LIST = "START_LIST"
LIVE = "LIVE"
INTERMEDIATE = "INTERMEDIATE"
UNOFFICIAL = "UNOFFICIAL"
OFFICIAL = "OFFICIAL"


@dataclass(frozen=True, slots=True)
class Unit:
    """One DT_RESULT: a timed round's phase (heat None) or one knockout heat."""

    code: str
    round: RoundView
    heat: HeatView | None


def render(view: ResultsView, facts: FeedFacts | None = None) -> str:
    """Every message of `view` as one XML document (UTF-8, with its declaration)."""
    root = feed(view, facts)
    ET.indent(root, space="  ")
    text: str = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def feed(view: ResultsView, facts: FeedFacts | None = None) -> ET.Element:
    """The `OdfFeed` element of `view`."""
    odf = _Writer(view, facts or FeedFacts({}, {}))
    root = ET.Element("OdfFeed", CompetitionCode=odf.competition_code(), Source=SOURCE)
    for unit in odf.units():
        root.append(odf.result(unit))
    if any(r.kind == "knockout" for r in view.rounds):
        root.append(odf.brackets())
    root.append(odf.ranking())
    root.append(odf.records())
    return root


def event_code(view: ResultsView) -> str:
    """CTM010 (men's individual pursuit), CTW402 (women's team pursuit); X for other genders,
    000 for an event ODF has no code for."""
    comp = view.competition
    gender = _GENDERS.get(comp.gender, "X")
    return f"CT{gender}{_EVENTS.get(comp.event, '000')}"


def phase_digits(view: ResultsView, facts: FeedFacts) -> dict[str, str]:
    """The phase digit of each round: 9 qualifying, 1 the finals, 8, 7, … the knockout rounds
    between them in running order."""
    digits: dict[str, str] = {}
    other = 8
    for rnd in view.rounds:
        known = facts.rounds.get(rnd.id)
        phase = known.phase if known else ("qualifying" if rnd.kind == "timed" else "")
        if phase in _PHASE_DIGITS:
            digits[rnd.id] = _PHASE_DIGITS[phase]
        else:
            digits[rnd.id] = str(max(other, 2))
            other -= 1
    return digits


class _Writer:
    def __init__(self, view: ResultsView, facts: FeedFacts) -> None:
        self.view = view
        self.facts = facts
        self.event = event_code(view)
        self.phases = phase_digits(view, facts)
        self.team = view.competition.event == "team pursuit"
        names = [p.name for p in view.classification if p.name]
        for rnd in view.rounds:
            names += [r.name for r in rnd.ranking]
            names += [n for h in rnd.heats for n in h.expected if n]
        self.codes = {name: f"{i:06d}" for i, name in enumerate(dict.fromkeys(names), 1)}
        self.nations = {r.name: r.nation for rnd in view.rounds for r in rnd.ranking}
        self.nations.update({p.name: p.nation for p in view.classification if p.name})
        self.lineups = {r.name: r.lineup for rnd in view.rounds for r in rnd.ranking if r.lineup}

    def competition_code(self) -> str:
        comp = self.view.competition
        year = comp.dates[0][:4] if comp.dates else "0000"
        return f"{year}-{self.event}"

    def body(self, kind: str, code: str, status: str | None = None) -> ET.Element:
        body = ET.Element(
            "OdfBody",
            CompetitionCode=self.competition_code(),
            DocumentCode=code,
            DocumentType=kind,
            Version=VERSION,
        )
        if status is not None:
            body.set("ResultStatus", status)
        return body

    # DT_RESULT

    def units(self) -> Iterator[Unit]:
        finals = 0
        for rnd in self.view.rounds:
            phase = self.event + self.phases[rnd.id]
            if rnd.kind == "timed":
                yield Unit(phase + "00", rnd, None)
                continue
            for heat in rnd.heats:
                if self.phases[rnd.id] == "1":
                    finals += 1
                    number = finals
                else:
                    number = heat.number
                yield Unit(f"{phase}{number:02d}", rnd, heat)

    def status(self, unit: Unit) -> str:
        rnd, heat = unit.round, unit.heat
        if heat is None:
            running = any(r == rnd.id for r, _ in self.facts.running)
            if not rnd.ranking:
                return LIVE if running else START_LIST
            return OFFICIAL if rnd.complete else LIVE if running else INTERMEDIATE
        if (rnd.id, heat.number) in self.facts.running:
            return LIVE
        if not heat.rides:
            return START_LIST
        if rnd.complete:
            return OFFICIAL
        expected = len([n for n in heat.expected if n]) or 2
        return UNOFFICIAL if len(heat.rides) >= expected else INTERMEDIATE

    def result(self, unit: Unit) -> ET.Element:
        body = self.body("DT_RESULT", unit.code, self.status(unit))
        competition = ET.SubElement(body, "Competition")
        infos = ET.SubElement(competition, "ExtendedInfos")
        rnd = unit.round
        if rnd.date:
            when = ET.SubElement(infos, "UnitDateTime", StartDate=rnd.date)
            if rnd.time:
                when.set("StartTime", rnd.time)
        title = unit.heat.title if unit.heat is not None else rnd.name
        _info(infos, "UI", "NAME", title)
        _info(infos, "UI", "DISTANCE", str(self.view.competition.distance_m))
        rows = unit.heat.rides if unit.heat is not None else rnd.ranking
        for order, row in enumerate(rows, 1):
            competition.append(self.row(row, rnd.id, order))
        # the start list of who is still to ride: who the format puts in the heat, or, for a
        # timed round, who is drawn in it
        if unit.heat is not None:
            drawn: Sequence[str] = [n for n in unit.heat.expected if n]
        else:
            drawn = self.facts.drawn.get(rnd.id, ())
        ridden = {r.name for r in rows}
        waiting = [(k, n) for k, n in enumerate(drawn, 1) if n not in ridden]
        for order, (start, name) in enumerate(waiting, len(rows) + 1):
            competition.append(self.entry(name, order, start))
        return body

    def row(self, row: RowView, round_id: str, order: int) -> ET.Element:
        ride = self.facts.rides.get((round_id, row.name), RideFacts(""))
        result = ET.Element("Result", SortOrder=str(order))
        if row.rank.isdigit():
            result.set("Rank", row.rank)
            result.set("RankEqual", "Y" if row.shared else "N")
        if row.time:
            result.set("Result", row.time)
            result.set("ResultType", "TIME")
        irm = _irm(ride.status, row, _is_timed(self.view, round_id))
        if irm:
            result.set("IRM", irm)
        if row.mark in QUALIFICATION_MARKS:
            result.set("QualificationMark", row.mark)
        if row.heat is not None and row.rank.isdigit() and not _is_timed(self.view, round_id):
            result.set("WLT", "W" if self._won(row, round_id) else "L")
        for k, kind in enumerate(_records(row), 1):
            ET.SubElement(result, "RecordIndicator", Order=str(k), Code=kind, RecordType=kind)
        if ride.splits:
            extended = ET.SubElement(result, "ExtendedResults")
            for metres, time in ride.splits:
                ET.SubElement(
                    extended, "ExtendedResult", Type="ER", Code="SPLIT", Pos=str(metres), Value=time
                )
        result.append(self.competitor(row.name, row.lineup))
        return result

    def _won(self, row: RowView, round_id: str) -> bool:
        rnd = next(r for r in self.view.rounds if r.id == round_id)
        heat = next((h for h in rnd.heats if h.number == row.heat), None)
        ranks = [int(r.rank) for r in (heat.rides if heat else ()) if r.rank.isdigit()]
        return bool(ranks) and int(row.rank) == min(ranks)

    def entry(self, name: str, order: int, start: int) -> ET.Element:
        result = ET.Element("Result", SortOrder=str(order), StartOrder=str(start))
        result.append(self.competitor(name, self.lineups.get(name, ())))
        return result

    def competitor(self, name: str, lineup: Sequence[str] = ()) -> ET.Element:
        code = self.codes.get(name, "000000")
        competitor = ET.Element("Competitor", Code=code, Type="T" if self.team else "A")
        nation = self.nations.get(name, "")
        if nation:
            competitor.set("Organisation", nation)
        if self.team:
            ET.SubElement(competitor, "Description", TeamName=name)
        composition = ET.SubElement(competitor, "Composition")
        members = lineup if self.team else (name,)
        for k, member in enumerate(members, 1):
            athlete = ET.SubElement(composition, "Athlete", Code=f"{code}-{k}", Order=str(k))
            description = ET.SubElement(athlete, "Description", Name=member)
            if nation:
                description.set("Organisation", nation)
        return competitor

    # DT_BRACKETS

    def brackets(self) -> ET.Element:
        rounds = [r for r in self.view.rounds if r.kind == "knockout"]
        status = OFFICIAL if all(r.complete for r in rounds) else INTERMEDIATE
        body = self.body("DT_BRACKETS", self.event + "000", status)
        holder = ET.SubElement(ET.SubElement(body, "Competition"), "Brackets")
        units = {(u.round.id, u.heat.number): u.code for u in self.units() if u.heat is not None}
        for rnd in rounds:
            known = self.facts.rounds.get(rnd.id)
            code = _BRACKETS.get(known.places if known else (), rnd.id)
            bracket = ET.SubElement(holder, "Bracket", Code=code, Name=rnd.name)
            items = ET.SubElement(bracket, "BracketItems")
            for heat in rnd.heats:
                item = ET.SubElement(
                    items,
                    "BracketItem",
                    Code=units[rnd.id, heat.number],
                    Order=str(heat.number),
                    Name=heat.title,
                )
                self.places(item, rnd, heat)
        return body

    def places(self, item: ET.Element, rnd: RoundView, heat: HeatView) -> None:
        rides = {r.name: r for r in heat.rides}
        names = [n for n in heat.expected if n] or list(rides)
        for pos, name in enumerate(names, 1):
            place = ET.SubElement(item, "CompetitorPlace", Pos=str(pos))
            row = rides.get(name)
            if row is not None:
                if row.time:
                    place.set("Result", row.time)
                ride = self.facts.rides.get((rnd.id, name), RideFacts(""))
                if irm := _irm(ride.status, row, timed=False):
                    place.set("IRM", irm)
                if row.rank.isdigit():
                    place.set("WLT", "W" if self._won(row, rnd.id) else "L")
            place.append(self.competitor(name, row.lineup if row else self.lineups.get(name, ())))

    # DT_RANKING

    def ranking(self) -> ET.Element:
        status = OFFICIAL if self.view.complete else UNOFFICIAL
        body = self.body("DT_RANKING", self.event + "000", status)
        competition = ET.SubElement(body, "Competition")
        for order, place in enumerate((p for p in self.view.classification if p.name), 1):
            result = ET.SubElement(competition, "Result", SortOrder=str(order))
            if place.rank.isdigit():
                result.set("Rank", place.rank)
                result.set("RankEqual", "Y" if place.shared else "N")
            elif place.rank:
                result.set("IRM", place.rank)  # AC, DNF, DNS, DSQ as the classification says
            result.append(self.competitor(place.name, self.lineups.get(place.name, ())))
        return body

    # DT_RECORD

    def records(self) -> ET.Element:
        body = self.body("DT_RECORD", self.event + "500")
        competition = ET.SubElement(body, "Competition")
        for rnd in self.view.rounds:
            for row in rnd.ranking:
                for kind in _records(row):
                    record = ET.SubElement(competition, "Record", Code=kind, RecordType=kind)
                    data = ET.SubElement(
                        record,
                        "RecordData",
                        Result=row.time,
                        Phase=rnd.name,
                        Ratified="N" if row.record_note else "Y",
                    )
                    if rnd.date:
                        data.set("Date", rnd.date)
                    if self.view.competition.venue:
                        data.set("Venue", self.view.competition.venue)
                    data.append(self.competitor(row.name, row.lineup))
        return body


def _irm(status: str, row: RowView, timed: bool) -> str:
    """The invalid-result mark of a ride: its outcome's, except that being overtaken is no
    invalid result in a timed round where the time still counts (the row has a rank)."""
    if status == "overtaken" and timed and row.rank.isdigit():
        return ""
    return IRMS.get(status, "")


def _info(parent: ET.Element, kind: str, code: str, value: str) -> None:
    ET.SubElement(parent, "ExtendedInfo", Type=kind, Code=code, Value=value)


def _records(row: RowView) -> list[str]:
    """The record kinds on the row (WR, OR), best first."""
    words = row.record.replace(",", " ").split()
    return [kind for kind in RECORD_TYPES if kind in words]


def _is_timed(view: ResultsView, round_id: str) -> bool:
    return any(r.id == round_id and r.kind == "timed" for r in view.rounds)
