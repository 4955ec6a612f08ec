"""Every public page live, proven: during a replay of the 1968 competition, each page (and so
its live fragment) follows the track by itself, at 390 px and 1366 px, and never says it could
not refresh. A page added to the site belongs in PAGES."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_browser import DESKTOP, MOBILE
from web_support import EXAMPLE, STREAM_OPEN, LiveServer

from pursuit.app.replay import Step, replay_script
from pursuit.core import commands as c
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.web.parts import Web

CID = "mx"
# every public page of a competition: (name, path); results of each round kind
PAGES = (
    ("overview", ""),
    ("now", "/now"),
    ("start-list", "/start/QF"),
    ("heat", "/heat/QF/1"),
    ("results-timed", "/results/Q"),
    ("results-knockout", "/results/QF"),
    ("results-final", "/results/F"),
    ("bracket", "/bracket"),
    ("classification", "/classification"),
    ("scoreboard", "/scoreboard"),
)
# Every status a page shows goes into window.statuses: a failed refresh cannot hide by being
# followed by a good one.
WATCH_STATUS = """
window.statuses = [];
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("live-status");
  if (!status) return;
  new MutationObserver(() => window.statuses.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
});
"""


@pytest.fixture
def steps() -> list[Step]:
    comp = load_competition(EXAMPLE).competition
    return replay_script(comp, "olympic-1968", format_definition("olympic-1968"))


def first_start(steps: list[Step], round_id: str) -> int:
    return next(
        k
        for k, step in enumerate(steps)
        if isinstance(step.command, c.StartHeat) and step.command.round == round_id
    )


def run(web: Web, steps: list[Step]) -> None:
    for step in steps:
        web.hub.handle(CID, step.command, "replay")


@pytest.fixture
def contexts(browser: Browser, request: pytest.FixtureRequest) -> Iterator[list[BrowserContext]]:
    """One browser context per page: a browser opens at most six connections to one server,
    and each live page holds one for its stream (as phones in the stands each would)."""
    made = [browser.new_context(viewport=request.param) for _ in PAGES]
    for context in made:
        context.add_init_script(WATCH_STATUS)
    yield made
    for context in made:
        context.close()


@pytest.mark.parametrize("contexts", [MOBILE, DESKTOP], ids=["390px", "1366px"], indirect=True)
def test_every_public_page_follows_the_track_by_itself(
    live: LiveServer,
    web: Web,
    contexts: list[BrowserContext],
    steps: list[Step],
    screenshots: Path,
) -> None:
    qf = first_start(steps, "QF")
    sf = first_start(steps, "SF")
    run(web, steps[:qf])  # qualifying ridden, the quarterfinals drawn
    base = f"{live.url}/c/{CID}"
    for _, path in PAGES:  # every live fragment answers on its own
        assert httpx.get(f"{base}{path}/fragment", timeout=30).status_code == 200, path
    pages: dict[str, Page] = {}
    for (name, path), context in zip(PAGES, contexts, strict=True):
        page = context.new_page()
        page.goto(base + path)
        expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)
        page.evaluate("window.notReloaded = true")
        pages[name] = page

    run(web, steps[qf:sf])  # the quarterfinals, ridden while the pages watch
    for name, page in pages.items():
        expect(page.locator("#live-status"), name).to_contain_text("updated", timeout=20_000)
    kurmann_qf = "4:45.94"
    for name in ("heat", "results-knockout"):
        expect(pages[name].locator("#live"), name).to_contain_text(kurmann_qf)
    expect(pages["bracket"].locator("#live")).to_contain_text("Kurmann")
    size = pages["overview"].viewport_size
    width = size["width"] if size else 0
    for name, page in pages.items():
        assert page.evaluate("window.notReloaded") is True, name
        said = page.evaluate("window.statuses")
        assert not [s for s in said if "could not" in s], (name, said)
        page.screenshot(path=screenshots / f"matrix-{name}-{width}.png", full_page=True)
