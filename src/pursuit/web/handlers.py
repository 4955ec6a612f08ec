"""The handlers FastAPI calls for every error: one problem, rendered as JSON or as HTML."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from pursuit.errors import PursuitError
from pursuit.web.errors import Problem, WebError, http_problem, problem_of, validation_problem
from pursuit.web.negotiation import wants_json
from pursuit.web.parts import web

log = logging.getLogger(__name__)

_TITLES = {
    400: "That cannot be done",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    409: "Someone else was faster",
    413: "Too large",
    429: "Too many tries",
    503: "Temporarily unavailable",
    507: "The disk is full",
}


def respond(request: Request, problem: Problem) -> Response:
    headers = {} if problem.retry_after_s is None else {"Retry-After": str(problem.retry_after_s)}
    if wants_json(request):
        if problem.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(problem.document(), status_code=problem.status, headers=headers)
    if problem.status == 401 and request.url.path.startswith("/console"):
        return RedirectResponse(f"/console/login?next={quote(request.url.path)}", status_code=303)
    html = web(request).renderer.page(
        "error.html",
        {
            "status": problem.status,
            "title": _TITLES.get(problem.status, "Something went wrong"),
            "message": problem.message,
            "code": problem.code,
            "field": problem.field,
        },
    )
    return Response(
        html, status_code=problem.status, media_type="text/html; charset=utf-8", headers=headers
    )


def install(app: FastAPI) -> None:
    async def on_error(request: Request, exc: Exception) -> Response:
        problem = problem_of(exc)
        if problem.status >= 500 and not isinstance(exc, WebError):  # not the deliberate 503s
            log.error("error answering %s %s", request.method, request.url.path, exc_info=exc)
        return respond(request, problem)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return respond(request, http_problem(exc.status_code, exc.detail))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, validation_problem(list(exc.errors())))

    app.add_exception_handler(PursuitError, on_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_error)
