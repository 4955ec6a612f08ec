"""The JSON API, writing: one endpoint per operator action, each with its role and body.

Authenticate with `Authorization: Bearer <token>` (POST /api/token, or `pursuit user token`);
a token lasts 30 days unless revoked, its operator's password changes or they are disabled.
An `Idempotency-Key` header makes a retried request apply once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from pursuit.app.actions import ACTIONS, Action, Body
from pursuit.app.describe import describe
from pursuit.app.service import Handled
from pursuit.operators.roles import Role
from pursuit.web.auth.bearer_first import bearer_first, operator_of
from pursuit.web.auth.password_login import authenticate
from pursuit.web.creation import NewCompetition, create_competition
from pursuit.web.errors import NotAuthenticated
from pursuit.web.parts import web
from pursuit.web.routes.schemas import (
    THROTTLED,
    WRITE_ERRORS,
    CatchProposal,
    Credentials,
    NewUser,
    Recorded,
    RecordedEvent,
    Token,
)

router = APIRouter(prefix="/api", tags=["write"], responses=WRITE_ERRORS)


def recorded(done: Handled) -> Recorded:
    proposal = done.proposal
    return Recorded(
        position=done.state.position,
        events=[
            RecordedEvent(
                position=e.position,
                type=e.type,
                data=e.data,
                description=f"event {e.position}: {describe(e.type, e.data)}",
            )
            for e in done.stored
        ],
        catch_proposal=CatchProposal(**proposal.__dict__) if proposal is not None else None,
    )


@router.post(
    "/token",
    response_model=Token,
    summary="Exchange a name and password for a token",
    responses=THROTTLED,
)
async def issue_token(request: Request, credentials: Credentials) -> Token:
    users = web(request).users
    user = await authenticate(request, credentials.name, credentials.password)
    if user is None:
        raise NotAuthenticated("wrong name or password")
    issued = await run_in_threadpool(users.grant_token, user.name, user.name)
    return Token(
        token=issued.token, name=user.name, role=user.role.value, expires_at=issued.expires_at
    )


def add_user(request: Request, user: NewUser) -> dict[str, str]:
    operator = operator_of(request)
    added = web(request).users.add(user.name, user.role, user.password, operator.user.name)
    return {"name": added.name, "role": added.role.value}


def new_competition(request: Request, wanted: NewCompetition) -> Recorded:
    operator = operator_of(request)
    return recorded(create_competition(web(request).hub, wanted, operator.user.name))


router.add_api_route(
    "/users",
    add_user,
    methods=["POST"],
    status_code=201,
    summary="Add an operator (admin)",
    route_class_override=bearer_first(Role.ADMIN),
)
router.add_api_route(
    "/competitions",
    new_competition,
    methods=["POST"],
    status_code=201,
    response_model=Recorded,
    summary="Create a competition from a shipped format (admin)",
    route_class_override=bearer_first(Role.ADMIN),
)


def _endpoint(action: Action) -> Callable[..., Any]:
    async def endpoint(
        request: Request, cid: str, body: Body, idempotency_key: str | None = None
    ) -> Recorded:
        def run() -> Recorded:
            operator = operator_of(request)
            done = web(request).hub.handle(
                cid,
                lambda state: action.build(state, body),
                operator.user.name,
                idempotency_key or None,
            )
            return recorded(done)

        return await run_in_threadpool(run)

    parameter = inspect.Parameter
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            parameter("request", parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
            parameter("cid", parameter.POSITIONAL_OR_KEYWORD, annotation=str),
            parameter("body", parameter.POSITIONAL_OR_KEYWORD, annotation=action.body),
            parameter(
                "idempotency_key",
                parameter.POSITIONAL_OR_KEYWORD,
                annotation=str | None,
                default=Header(None, description="Repeat a request safely: applied once."),
            ),
        ],
        return_annotation=Recorded,
    )
    endpoint.__name__ = f"{action.name}_command"
    return endpoint


for _action in ACTIONS.values():
    router.add_api_route(
        f"/competitions/{{cid}}/{_action.path}",
        _endpoint(_action),
        methods=["POST"],
        status_code=201,
        response_model=Recorded,
        summary=f"{_action.summary} ({_action.role.value} or above)",
        route_class_override=bearer_first(_action.role),
    )
