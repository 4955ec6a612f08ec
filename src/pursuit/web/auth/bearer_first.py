"""Protected API routes ask who is calling before they read the body: an anonymous caller gets
401 (and a lower role 403) whatever it sent, and no body of an unknown caller is parsed.

FastAPI reads and validates a route's body before its dependencies run, so the check wraps the
route's handler instead; the operator it found is on `request.state`."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, cast

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from pursuit.operators.roles import Role
from pursuit.web.auth.guards import Operator, api_operator


def bearer_first(needed: Role) -> type[APIRoute]:
    """The route class of a route that needs a bearer token of role `needed` or above."""

    class BearerFirst(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handle = super().get_route_handler()

            async def checked(request: Request) -> Response:
                request.state.operator = await run_in_threadpool(api_operator, request, needed)
                return await handle(request)

            return checked

    return BearerFirst


def operator_of(request: Request) -> Operator:
    """The operator `bearer_first` found for this request."""
    return cast(Operator, request.state.operator)
