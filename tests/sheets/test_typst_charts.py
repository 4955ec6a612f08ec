"""The heat charts of the PDF sheets are drawn by typst from their model: the sheet shows the
axis labels, the key and the values as text, and printing a heat sheet imports no matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sheet_helpers import CID, pdf_text

from pursuit.sheets.plan import sheets_for
from pursuit.sheets.render import render_pdf
from pursuit.sheets.sheet import Sheet
from pursuit.sheets.source import SheetSource

ROOT = Path(__file__).resolve().parents[2]


def charted_heat(source: SheetSource) -> Sheet:
    return next(s for s in sheets_for(source, kinds=("heat",)) if s.plots)


def test_a_heat_sheet_draws_its_charts_with_typst(db_source: SheetSource, tmp_path: Path) -> None:
    sheet = charted_heat(db_source)
    assert sorted(sheet.plots) == sorted(sheet.data["charts"])
    pdf = tmp_path / "heat.pdf"
    pdf.write_bytes(render_pdf(db_source.computed.view.competition, [sheet]))
    text = pdf_text(pdf)
    for words in (
        "Gap between the riders",
        "distance (m)",
        "lead (s)",
        "Lap times",
        "lap time (s)",
    ):
        assert words in text
    a, b = (r["short"] for r in sheet.data["riders"])
    assert f"▲ {a} ahead" in text and f"▼ {b} ahead" in text
    assert f"{a} (lap 1:" in text
    gap = sheet.plots[next(k for k in sheet.plots if k.endswith("-gap"))]
    assert all(t.label in text for t in gap.x.ticks)


def test_the_web_still_gets_the_heat_charts_as_svg(db_source: SheetSource) -> None:
    sheet = charted_heat(db_source)
    svg = [sheet.images[k] for k in sheet.images]
    assert len(svg) == 2 and all(s.lstrip().startswith("<?xml") for s in svg)


def test_printing_every_sheet_and_chart_imports_no_matplotlib(db_url: str, tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from pursuit.app.service import CompetitionService
from pursuit.sheets.plan import sheets_for
from pursuit.sheets.source import from_store
from pursuit.sheets.writer import write_pdf
from pursuit.store.open import open_store
source = from_store(CompetitionService(open_store({db_url!r})), {CID!r})
sheets = sheets_for(source)
assert {{s.kind for s in sheets if s.plots}} == {{"heat", "round", "classification"}}
write_pdf(source.computed.view.competition, sheets, Path({str(tmp_path / "h.pdf")!r}))
print(sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "numpy", "PIL")))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "h.pdf").stat().st_size > 1000


def test_the_qualifying_chart_is_drawn_with_typst(file_source: SheetSource, tmp_path: Path) -> None:
    [sheet] = [s for s in sheets_for(file_source, "Q", kinds=("round",))]
    [plot] = sheet.plots.values()
    pdf = tmp_path / "results.pdf"
    pdf.write_bytes(render_pdf(file_source.computed.view.competition, [sheet]))
    text = pdf_text(pdf)
    for words in ("times in ranking order", "time (m:ss)", "qualification: 8 advance",
                  "does not advance", "overtaken (AC)"):  # fmt: skip
        assert words in text
    assert all(t.label in text for t in plot.x.ticks)
    assert sheet.images[next(iter(sheet.images))].lstrip().startswith("<?xml")  # the web's


def test_the_bracket_is_drawn_with_typst(file_source: SheetSource, tmp_path: Path) -> None:
    [sheet] = sheets_for(file_source, kinds=("classification",))
    [plot] = sheet.plots.values()
    view = file_source.computed.view
    knockout = [h for r in view.rounds if r.kind == "knockout" for h in r.heats]
    assert len(plot.boxes) == len(knockout) == 8  # 4 quarterfinals, 2 semifinals, 2 finals
    bold = {label.text for label in plot.labels if label.bold}
    assert "Daniel Rébillard" in bold and "Mogens Frey" in bold  # heat winners
    assert "Paul Crapez" not in bold
    pdf = tmp_path / "classification.pdf"
    pdf.write_bytes(render_pdf(view.competition, [sheet]))
    text = pdf_text(pdf)
    for words in ("Quarterfinals", "Semifinals", "Bronze medal match", "4:41.71", "Cipriano"):
        assert words in text


def test_a_chart_given_its_width_looks_as_one_that_measures_its_space(
    db_source: SheetSource, tmp_path: Path
) -> None:
    """The sheets pass a chart its width (cheaper for typst); the same chart laid out in a box
    of that width, measuring its space, is the same picture, markers and texts included."""
    import json

    from pursuit.sheets.render import CHARTS_TEMPLATE
    from pursuit.sheets.typesetting import _compiler, template

    plots = [p.as_data() for p in charted_heat(db_source).plots.values()]
    (tmp_path / CHARTS_TEMPLATE).write_bytes(template(CHARTS_TEMPLATE))
    document = (
        '#import "charts.typ": plot\n'
        "#set page(width: 300pt, height: 220pt, margin: 10pt)\n"
        '#set text(font: "DejaVu Sans")\n'
        "#let plots = json(bytes(sys.inputs.plots))\n"
        "#for p in plots { page(box(width: 255pt, plot(p))); page(plot(p, width: 255pt)) }\n"
    )
    pages = _compiler().compile(
        input=document.encode(), root=str(tmp_path), format="png", ppi=100.0,
        sys_inputs={"plots": json.dumps(plots)},
    )  # fmt: skip
    assert isinstance(pages, list) and len(pages) == 2 * len(plots) >= 4
    blank = _compiler().compile(
        input=b"#set page(width: 300pt, height: 220pt, margin: 10pt)\n#box()",
        root=str(tmp_path), format="png", ppi=100.0,
    )  # fmt: skip
    for measured, given in zip(pages[::2], pages[1::2], strict=True):
        assert measured == given
        assert given != blank  # something is drawn
