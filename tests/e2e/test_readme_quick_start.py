"""The README's quick start works as written: two commands, and CI runs the second."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


def quick_start() -> list[str]:
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.split("#")[0].strip() for line in block.strip().splitlines()]


def test_the_quick_start_is_two_commands_and_ci_runs_the_second():
    start, test = quick_start()
    assert start == "./scripts/start.sh" and test == "./scripts/test.sh"
    assert "./scripts/test.sh" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_step_one_prints_the_1968_results_then_serves_the_live_demo(tmp_path):
    start = quick_start()[0]
    db = tmp_path / "demo.db"
    proc = subprocess.Popen(
        [
            str(ROOT / start.removeprefix("./")),
            "--port",
            "0",
            "--db",
            f"sqlite:///{db}",
            "--speed",
            "600",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        start_new_session=True,
        env={**os.environ, "PURSUIT_DATABASE_URL": ""},
    )
    seen: list[str] = []
    try:
        address = None
        deadline = time.monotonic() + 120
        assert proc.stdout is not None
        while address is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if m := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                address = m[1]
        text = "".join(seen)
        assert address is not None, text
        # the results come first: the published classification's gold and the shared 5th
        assert "Daniel Rébillard" in text and "4:41.71" in text and "Final classification" in text
        assert "demo login: admin /" in text
        with urllib.request.urlopen(address + "c/mexico-1968/classification", timeout=10) as r:
            page = r.read().decode("utf-8")
        assert "Daniel Rébillard" in page and "Denfield McNab" in page
        with urllib.request.urlopen(address + "c/mexico-1968-live.json", timeout=10) as r:
            assert r.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
