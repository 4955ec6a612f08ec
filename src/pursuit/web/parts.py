"""The parts of one web application, wired by `create_app` and reached by routes through
`web(request)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from starlette.requests import HTTPConnection

from pursuit.operators.registry import Operators
from pursuit.web.auth.sessions import Sessions
from pursuit.web.chart_cache import ChartCache
from pursuit.web.hub import Hub
from pursuit.web.limiting import Limits
from pursuit.web.live.broadcast import Broadcaster
from pursuit.web.settings import WebSettings
from pursuit.web.templating import Renderer


@dataclass
class Web:
    settings: WebSettings
    hub: Hub
    broadcaster: Broadcaster
    renderer: Renderer
    users: Operators
    sessions: Sessions
    charts: ChartCache
    limits: Limits


def web(connection: HTTPConnection) -> Web:
    return cast(Web, connection.app.state.web)
