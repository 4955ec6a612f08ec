"""The live desk, end to end in headless Chromium: console action → the other operators'
screens and the public heat page, and what a timekeeper's hands do per heat.

    .venv/bin/python bench/desk.py [--splits 100]

A live server (uvicorn in this process, SQLite in a temporary folder) and three pages in
Debian's Chromium: timekeeper A's desk (both sides), timekeeper B's desk and a viewer on the
public heat page. A types each split and presses Enter; the figure is the time from that Enter
until the value shows on B's desk and on the viewer's page (a MutationObserver in each page
notes when; one machine, one clock). Then a whole heat by hand on A: the keystrokes (every
character of every time, every Enter) and the page loads for 2 × (half laps − 1) splits and two
finishes, the start and the move to the next heat. Prints a table and writes
bench/results/desk.json. Not a test: the target (p99 ≤ 100 ms) is reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "desk.json"
TARGET_P99_MS = 100.0
PASSWORD = "correct horse battery"
RIDERS = [(f"Rider {chr(65 + i)}{chr(97 + i)}", "FRA", f"4:{30 + i}.000") for i in range(12)]
WATCH = """
window.seen = {};
window.wanted = [];
new MutationObserver(function () {
  var text = document.body.textContent;  // no layout forced, unlike innerText
  window.wanted = window.wanted.filter(function (w) {
    if (text.indexOf(w) < 0) return true;
    window.seen[w] = Date.now();
    return false;
  });
}).observe(document.body, { childList: true, subtree: true, characterData: true });
"""

# on desk A: when the Enter key went down (the page's own clock: the same wall clock as the
# other pages', one machine)
ENTER_NOTED = """
document.addEventListener("keydown", function (e) {
  if (e.key === "Enter") window.enterAt = Date.now();
}, true);
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_app(db_url: str) -> Any:
    from pursuit.app.creation import create_command
    from pursuit.core import commands as c
    from pursuit.core.times import parse_time
    from pursuit.loading.format_files import format_definition
    from pursuit.operators.passwords import PasswordCost
    from pursuit.web.app import create_app
    from pursuit.web.settings import WebSettings

    app = create_app(
        WebSettings(
            store_url=db_url,
            secret_key="bench-secret-key-0123456789abcdef",
            password_cost=PasswordCost(time_cost=1, memory_kib=8, parallelism=1),
        )
    )
    hub = app.state.web.hub
    fmt = "uci-individual-pursuit"
    hub.handle("desk", create_command(fmt, format_definition(fmt), "Desk bench"), "setup")
    for name, nation, seed_time in RIDERS:
        hub.handle(
            "desk", c.RegisterEntrant(name, nation, seed_time=parse_time(seed_time)), "setup"
        )
    hub.handle("desk", c.DrawRound("Q"), "setup")
    for user in ("tka", "tkb"):
        app.state.web.users.add(user, "timekeeper", PASSWORD, "setup")
    return app


def serve(db_url: str, port: int) -> None:
    """The server process: the app on `port` until killed."""
    import uvicorn

    uvicorn.run(make_app(db_url), host="127.0.0.1", port=port, log_level="warning")


class Server:
    """The live server in its own process: the browser's client code here does not share the
    server's interpreter (its GIL) as it would in one process."""

    def __init__(self, db_url: str) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = multiprocessing.get_context("spawn").Process(
            target=serve, args=(db_url, port), daemon=True
        )
        self.port = port

    def __enter__(self) -> Server:
        self.process.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.join(5)


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/console/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/console")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(splits: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from pursuit.core.times import format_time, parse_time

    folder = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    db_url = f"sqlite:///{folder / 'desk.db'}"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    latencies: dict[str, list[float]] = {"desk B": [], "public heat page": []}
    with Server(db_url) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        pages = []
        for user in ("tka", "tkb"):
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            log_in(page, server.url, user)
            pages.append(page)
        a, b = pages
        viewer = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        loads = {"A": 0}
        a.on("load", lambda _: loads.__setitem__("A", loads["A"] + 1))

        # --- latency: A records splits, B's desk and the public page must show each; heat
        # after heat (A moves on with its next-heat button, B follows the running heat)
        a.goto(f"{server.url}/console/c/desk")
        a.evaluate(ENTER_NOTED)
        done = 0
        while done < splits:
            a.locator("#start-heat").click()
            a.locator("#rider-0-time").wait_for()
            number = a.locator("#heat-title").inner_text().split("heat ")[1].split()[0]
            b.goto(f"{server.url}/console/c/desk?heat=Q/{number}")
            viewer.goto(f"{server.url}/c/desk/heat/Q/{number}")
            for page in (b, viewer):
                page.locator("#live-status").get_by_text("Live").wait_for()
                page.evaluate(WATCH)
            figures = a.locator("#rider-0-card .figures").inner_text()  # "0 of 31 half-lap…"
            half_laps = int(figures.split(" of ")[1].split()[0]) + 1
            for k in range(1, half_laps):
                for index in (0, 1):
                    if done >= splits:
                        break
                    time_text = f"{12 + 8 * (k - 1) + index}.{k:03d}"
                    shown = format_time(parse_time(time_text))  # 60.007 is shown 1:00.007
                    for page in (b, viewer):
                        page.evaluate("w => window.wanted.push(w)", shown)
                    field = a.locator(f"#rider-{index}-time")
                    field.fill(time_text)
                    field.press("Enter")
                    for name, page in (("desk B", b), ("public heat page", viewer)):
                        page.wait_for_function("w => window.seen[w]", arg=shown, timeout=10_000)
                        sent = a.evaluate("window.enterAt")  # when A's page saw the key
                        latencies[name].append(page.evaluate("w => window.seen[w]", shown) - sent)
                    done += 1
            for index in (0, 1):
                a.locator(f"#rider-{index}-time").fill("4:40.000")
                a.locator(f"#rider-{index}-card").get_by_role(
                    "button", name="Record finish"
                ).click()
            a.locator("#next-heat").click()
            a.locator("#start-heat").wait_for()
        # --- a heat by hand on A: keystrokes and page loads
        loads["A"] = 0
        keys = {"time characters": 0, "Enter": 0}
        a.locator("#start-heat").focus()  # as the next-heat button leaves it
        a.keyboard.press("Enter")  # start it
        keys["Enter"] += 1
        a.locator("#rider-0-time").wait_for()
        for k in range(1, half_laps + 1):
            for index in (0, 1):
                text = f"{12 + 8 * (k - 1) + index}.{k:02d}" if k < half_laps else "4:20.5"
                field = a.locator(f"#rider-{index}-time")
                field.click()  # a second timekeeper would not need this: one side each
                a.keyboard.type(text)
                a.keyboard.press("Enter")
                keys["time characters"] += len(text)
                keys["Enter"] += 1
                label = f"{k} of {half_laps - 1} half-lap splits" if k < half_laps else "finish"
                a.locator(f"#rider-{index}-card").get_by_text(label).first.wait_for()
        a.locator("#next-heat").wait_for()
        a.keyboard.press("Enter")  # the next heat (its button has the focus)
        keys["Enter"] += 1
        a.locator("#start-heat").wait_for()
        browser.close()
    shutil.rmtree(folder, ignore_errors=True)
    per_heat = {"keystrokes": sum(keys.values()), **keys, "page loads": loads["A"]}
    return {
        "splits": done,
        "half_laps": half_laps,
        "latency_ms": {
            name: {
                "p50": statistics.median(values),
                "p99": pct(values, 99),
                "max": max(values),
                "n": len(values),
            }
            for name, values in latencies.items()
        },
        "per_heat": per_heat,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
    }


def report(figures: dict[str, Any]) -> None:
    print(f"{figures['splits']} splits typed on desk A (Enter) → shown elsewhere, ms")
    print(f"{'screen':<20} {'p50':>8} {'p99':>8} {'max':>8}   target p99 ≤ {TARGET_P99_MS:g}")
    for name, f in figures["latency_ms"].items():
        verdict = "met" if f["p99"] <= TARGET_P99_MS else "missed"
        print(f"{name:<20} {f['p50']:>8.1f} {f['p99']:>8.1f} {f['max']:>8.1f}   {verdict}")
    heat = figures["per_heat"]
    entries = 2 * (figures["half_laps"] - 1) + 2
    print(
        f"one heat by hand ({entries} entries, the start and the next heat): "
        f"{heat['keystrokes']} keystrokes ({heat['time characters']} characters of times, "
        f"{heat['Enter']} Enter), {heat['page loads']} page loads"
    )
    print(f"load average {figures['machine']['load_average']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=100)
    args = parser.parse_args()
    figures = run(args.splits)
    report(figures)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
