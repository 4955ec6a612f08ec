"""Fixtures for the web tests: an app on a memory store with a small competition and one user
per role, a TestClient, a console driver, a live uvicorn server, and Playwright on Debian's
Chromium (never a downloaded browser)."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from web_support import SCREENSHOTS, Console, LiveServer, seed, settings

from pursuit.web.app import create_app
from pursuit.web.parts import Web

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2; httpx still works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def app() -> FastAPI:
    application = create_app(settings())
    seed(application.state.web)
    return application


@pytest.fixture
def web(app: FastAPI) -> Web:
    parts: Web = app.state.web
    return parts


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def console(client: TestClient) -> Console:
    return Console(client)


@pytest.fixture
def live(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium run one after another on one worker (`--dist loadgroup`, as
    scripts/test.sh runs): two browsers at once on 2 cores starve the live pages they watch."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("chromium"))
