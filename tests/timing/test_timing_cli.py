"""`pursuit timing listen` and `emulate` as a user runs them."""

from __future__ import annotations

import subprocess
import time

import pytest

from cli_support import run_pursuit, start_pursuit
from pursuit.timing.emulator import THREE_PM, PtyDevice, default_example, plan_file, play


def wait_for_line(process: subprocess.Popen[str], words: str, seconds: float = 20.0) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if words in line:
            return lines
    raise AssertionError(f"no {words!r} in {lines}")


@pytest.mark.slow
def test_listen_dry_run_on_a_pseudo_terminal_shows_the_impulses_until_the_device_closes() -> None:
    plan = plan_file(default_example(), "Q", 1, start_at=THREE_PM)
    device = PtyDevice()
    process = start_pursuit(
        "timing", "listen", "--serial", device.path, "--dry-run", "--no-reconnect", "--for", "60"
    )
    try:
        wait_for_line(process, "connected to serial:")
        play(plan, device, speed=0)
    finally:
        device.close()
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "#1 C0 15:00:00.0000 (dry run: not recorded)" in out
    assert f"#{len(plan.impulses)} " in out
    assert f"stopped: serial:{device.path} · impulses {len(plan.impulses)}" in out
    assert "Traceback" not in out


@pytest.mark.slow
def test_listen_stops_after_so_many_impulses() -> None:
    plan = plan_file(default_example(), "Q", 1, start_at=THREE_PM)
    device = PtyDevice()
    process = start_pursuit(
        "timing", "listen", "--serial", device.path, "--dry-run", "--max-impulses", "5"
    )
    try:
        wait_for_line(process, "connected to serial:")
        play(plan, device, speed=0)
        out, _ = process.communicate(timeout=30)
    finally:
        device.close()
    assert process.returncode == 0
    assert "#5 C2" in out or "#5 C1" in out
    assert "#7 " not in out


@pytest.mark.slow
def test_a_port_that_does_not_exist() -> None:
    done = run_pursuit("timing", "listen", "--serial", "/nonexistent/tty", "--dry-run")
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot open serial port /nonexistent/tty")
    assert "Traceback" not in done.stderr
    # asked to keep trying, it says so until --for ends it
    done = run_pursuit(
        "timing", "listen", "--serial", "/nonexistent/tty", "--dry-run", "--retry", "--for", "1"
    )
    assert done.returncode == 0, done.stderr
    assert "reconnecting: serial:/nonexistent/tty" in done.stdout
    assert "trying again in 0.5 s" in done.stdout


@pytest.mark.slow
def test_listen_and_emulate_refuse_what_they_cannot_use() -> None:
    done = run_pursuit("timing", "listen", "--dry-run")
    assert done.returncode == 2 and "--serial PORT or --tcp HOST:PORT" in done.stderr
    done = run_pursuit("timing", "listen", "--tcp", "nowhere", "--dry-run")
    assert done.returncode == 2 and "HOST:PORT" in done.stderr
    done = run_pursuit("timing", "emulate", "--pty", "--round", "X")
    assert done.returncode == 2 and "no ridden round X" in done.stderr
    done = run_pursuit("timing", "emulate")
    assert done.returncode == 2 and "--pty or --tcp-port" in done.stderr


@pytest.mark.slow
def test_emulate_over_tcp_writes_the_heat() -> None:
    process = start_pursuit(
        "timing",
        "emulate",
        "--tcp-port",
        "0",
        "--round",
        "F",
        "--speed",
        "0",
        "--wait",
        "0",
        "--start-at",
        "15:00",
    )
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0, out
    assert "1 heats (F/1)" in out
    assert "0001 C0  15:00:00.0000 00  F/1 start  (nobody reading: lost)" in out
    assert "done: 0 of" in out
