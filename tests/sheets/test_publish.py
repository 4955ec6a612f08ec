"""`publish` writes a self-contained static site: every page, chart, PDF and export, with
relative links that all resolve to files in the folder, and no scripts."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pursuit.publish.site import publish
from pursuit.sheets.source import SheetSource


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


@pytest.fixture(scope="module")
def site(db_source: SheetSource, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    publish(db_source, folder)
    return folder


def test_every_page_of_the_competition_is_published(site: Path) -> None:
    pages = {p.name for p in site.glob("*.html")}
    rounds = ("Q", "QF", "SF", "B", "F")
    expected = {"index.html", "classification.html"}
    expected |= {f"start-list-{r}.html" for r in rounds} | {f"results-{r}.html" for r in rounds}
    expected |= {f"heat-Q-{n}.html" for n in range(1, 15)}
    expected |= {f"heat-QF-{n}.html" for n in range(1, 5)} | {"heat-SF-1.html", "heat-SF-2.html"}
    expected |= {"heat-B-1.html", "heat-F-1.html"}
    assert pages == expected
    assert {p.stem for p in (site / "pdf").glob("*.pdf")} == {
        p.removesuffix(".html") for p in expected - {"index.html"}
    } | {"all-sheets"}


def test_every_link_and_image_resolves_to_a_file_in_the_folder(site: Path) -> None:
    checked = 0
    for page in site.glob("*.html"):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        assert parser.scripts == 0, page.name
        for target in parser.targets:
            assert "://" not in target and not target.startswith("/"), (page.name, target)
            assert (page.parent / target).is_file(), (page.name, target)
            checked += 1
    assert checked > 300


def test_the_exports_are_there_and_agree_with_the_pages(site: Path) -> None:
    document = json.loads((site / "results.json").read_text("utf-8"))
    assert document["classification"][0]["name"] == "Daniel Rébillard"
    assert "Rébillard" in (site / "results.md").read_text("utf-8")
    assert "Rébillard" in (site / "results.wiki").read_text("utf-8")
    assert (site / "results.csv").stat().st_size > 0
    classification = (site / "classification.html").read_text("utf-8")
    assert classification.count(">=5<") == 4 and classification.count(">AC<") == 6
    heat = (site / "heat-QF-4.html").read_text("utf-8")
    assert "Mogens Frey" in heat and "charts/heat-QF-4-gap.svg" in heat
    assert "synthetic" in heat and "OFFICIAL" in heat


def test_publishing_a_file_says_official_as_published(
    file_source: SheetSource, tmp_path: Path
) -> None:
    written = publish(file_source, tmp_path, charts=False)
    assert tmp_path / "index.html" in written
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "OFFICIAL" in index and "as published" in index
    assert not (tmp_path / "charts").exists()
