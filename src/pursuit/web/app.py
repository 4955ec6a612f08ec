"""`create_app(settings)`: the FastAPI application, its routes and its background work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from pursuit import __version__
from pursuit.web import bootstrap, handlers, openapi, security_headers
from pursuit.web.demo import DemoReplay, DemoRun, prepare_demo
from pursuit.web.limiting.body import BodyLimit
from pursuit.web.live.watch import HeadPoller, NotifyListener
from pursuit.web.negotiation import JsonSuffix
from pursuit.web.parts import Web
from pursuit.web.routes import (
    api_read,
    api_write,
    charts,
    console,
    console_admin,
    console_timing,
    feeds,
    live,
    login,
    public,
)
from pursuit.web.settings import WebSettings
from pursuit.web.timer_link import timer_link

DESCRIPTION = """Track-cycling pursuit competitions run by the rules.

Read endpoints need nothing. Write endpoints need `Authorization: Bearer <token>` from
`POST /api/token` (or `pursuit user token NAME`); the role of the token's user decides what it may
do. A token lasts 30 days (its `expires_at` says until when) unless it is revoked, its user's
password changes or its user is disabled; then it is refused with 401.
Every error has one shape: `{"error": {"code", "message", "field"}}`.
Live updates: `GET /c/{id}/events` (server-sent events)."""


def _background(web: Web, demo: DemoRun | None) -> list[Any]:
    """The threads that run while the app serves: watchers and, with --demo, the replay."""
    hub = web.hub
    workers: list[Any] = [
        HeadPoller(web.broadcaster.watched, hub.catch_up, web.settings.watch_interval_s)
    ]
    listen = getattr(hub.service.store, "listen", None)
    if callable(listen):  # PostgreSQL: NOTIFY from every process sharing the database
        workers.append(NotifyListener(listen, hub.catch_up))
    if web.settings.timer is not None:
        workers.append(timer_link(hub, web.settings.timer))
    if demo is not None:
        workers.append(DemoReplay(web, demo))
    return workers


def create_app(
    settings: WebSettings, web: Web | None = None, demo: DemoRun | None = None
) -> FastAPI:
    """The application for `settings`; `web` and `demo` when the caller built them already
    (the serve command does, to print the demo's login before serving)."""
    parts = web or bootstrap.build(settings)
    if settings.demo is not None and demo is None:
        demo = prepare_demo(parts, settings.demo)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        parts.broadcaster.start(asyncio.get_running_loop())
        workers = _background(parts, demo)
        for worker in workers:
            worker.start()
        try:
            yield
        finally:
            for worker in reversed(workers):
                worker.stop()
            parts.broadcaster.stop()
            parts.hub.service.store.close()

    app = FastAPI(
        title="pursuit",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # openapi.install serves /docs
        redoc_url=None,
    )
    app.state.web = parts
    app.state.demo = demo
    handlers.install(app)
    for module in (api_read, api_write, live, login, console_admin, console, public, charts):
        app.include_router(module.router)
    app.include_router(console_timing.router)
    app.include_router(console_timing.api)
    app.include_router(feeds.router)
    app.mount("/static", StaticFiles(packages=[("pursuit.web", "static")]), name="static")
    app.add_middleware(JsonSuffix)
    app.add_middleware(BodyLimit, max_bytes=settings.limits.body_bytes)
    openapi.install(app, parts.renderer)
    # outermost, outside even the server-error handler: a 500 carries the headers too
    stack = security_headers.wrap_stack(app.build_middleware_stack)
    app.build_middleware_stack = stack  # type: ignore[method-assign]
    return app
