"""The composition root: from settings to the wired parts of the web application."""

from __future__ import annotations

from pursuit.app.service import CompetitionService, utc_now
from pursuit.operators.passwords import Passwords
from pursuit.operators.registry import Operators
from pursuit.store.open import open_store
from pursuit.web.auth.sessions import Sessions
from pursuit.web.chart_cache import ChartCache
from pursuit.web.hub import Hub
from pursuit.web.limiting import Limits
from pursuit.web.live.broadcast import Broadcaster
from pursuit.web.parts import Web
from pursuit.web.settings import WebSettings
from pursuit.web.templating import Renderer


def build(settings: WebSettings) -> Web:
    """Open the store and wire every part; nothing runs until the app starts."""
    store = open_store(settings.store_url, read_only=settings.read_only or None)
    broadcaster = Broadcaster()
    hub = Hub(CompetitionService(store), broadcaster, settings.cache_entries)
    return Web(
        settings=settings,
        hub=hub,
        broadcaster=broadcaster,
        renderer=Renderer(),
        users=Operators(store, Passwords(settings.password_cost), utc_now),
        sessions=Sessions(settings.secret_key, settings.session_hours * 3600),
        charts=ChartCache(),
        limits=Limits.of(settings.limits),
    )
