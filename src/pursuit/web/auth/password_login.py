"""A name and password checked within the limits: the throttle first (429 while the account or
the address has no try left), then a turn among the few password checks that run at once."""

from __future__ import annotations

from starlette.requests import Request

from pursuit.operators.state import User
from pursuit.web.limiting.addresses import address_of
from pursuit.web.parts import web


async def authenticate(request: Request, name: str, password: str) -> User | None:
    """The user if the password is right, None if not; raises TooManyRequests or Busy."""
    w = web(request)
    with w.limits.logins.attempt(name, address_of(request)) as failed:
        user = await w.limits.password_checks.run(lambda: w.users.authenticate(name, password))
        if user is None:
            failed()
    return user
