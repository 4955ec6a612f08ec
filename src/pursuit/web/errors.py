"""The one place errors become HTTP: a status, a code, a message and the field at fault.

Every error the web answers with goes through `problem_of`, and every answer carries the same
shape, `{"error": {"code": ..., "message": ..., "field": ...}}` (HTML pages render the same
three things).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pursuit.app.actions import BadBody
from pursuit.app.idempotency import KeyReused
from pursuit.app.lookup import NoSuchEntrant
from pursuit.app.service import UnknownCompetition, UnreadableLog
from pursuit.errors import PursuitError, RuleViolation, TimeFormatError
from pursuit.store.errors import (
    ConcurrencyConflict,
    ReadOnlyStore,
    StorageFull,
    StoreUnavailable,
)
from pursuit.views.errors import NothingToShow


class WebError(PursuitError):
    """An error the web itself raises, carrying its HTTP status and code."""

    status = 500
    code = "internal"

    def __init__(
        self, message: str, field: str | None = None, retry_after_s: int | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.retry_after_s = retry_after_s


class BadInput(WebError):
    status, code = 400, "invalid_input"


class NotAuthenticated(WebError):
    status, code = 401, "unauthenticated"


class Forbidden(WebError):
    status, code = 403, "forbidden"


class NotFound(WebError):
    status, code = 404, "not_found"


class TooLarge(WebError):
    status, code = 413, "too_large"


class TooManyRequests(WebError):
    """Too many tries from one account or address: wait `retry_after_s` (Retry-After)."""

    status, code = 429, "too_many_requests"


class Busy(WebError):
    """The server has no room for this now (live streams, password checks): try again later."""

    status, code = 503, "busy"


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    message: str
    field: str | None = None
    retry_after_s: int | None = None  # sent as Retry-After

    def document(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


_HTTP_CODES = {
    400: "invalid_input",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "too_many_requests",
}


def problem_of(exc: BaseException) -> Problem:
    """The HTTP problem for `exc` (anything unexpected is a 500 that reveals nothing)."""
    if isinstance(exc, WebError):
        return Problem(exc.status, exc.code, exc.message, exc.field, exc.retry_after_s)
    if isinstance(exc, NothingToShow):
        return Problem(404, "not_found", exc.message)
    if isinstance(exc, UnknownCompetition):  # without the list of ids the service adds
        named = exc.competition is not None
        return Problem(
            404, "not_found", f"no competition {exc.competition!r}" if named else str(exc)
        )
    if isinstance(exc, UnreadableLog):
        return Problem(500, "unreadable_log", exc.message)
    if isinstance(exc, KeyReused):
        return Problem(422, "idempotency_key_reused", exc.message, "Idempotency-Key")
    if isinstance(exc, BadBody):
        return Problem(400, "invalid_input", exc.message, exc.field)
    if isinstance(exc, NoSuchEntrant):
        return Problem(400, "invalid_input", exc.message, "entrant")
    if isinstance(exc, TimeFormatError):
        return Problem(400, "invalid_input", exc.message, "time")
    if isinstance(exc, ConcurrencyConflict):
        return Problem(
            409, "conflict", f"{exc.message}: someone else recorded first; reload and try again"
        )
    if isinstance(exc, StorageFull):  # retrying cannot help until someone frees space
        return Problem(
            507,
            "storage_full",
            "the disk is full: the event store could not write, nothing was recorded; "
            "the server's disk needs space before anything more can be recorded",
        )
    if isinstance(exc, ReadOnlyStore):
        return Problem(
            503,
            "read_only",
            "the database is read-only: this server shows the competitions but records "
            "nothing; nothing was recorded",
        )
    if isinstance(exc, StoreUnavailable):
        return Problem(503, "store_unavailable", "the event store is unavailable; try again")
    if isinstance(exc, RuleViolation):
        place = exc.place.field if exc.place is not None else None
        return Problem(400, "rule_violation", str(exc), exc.field or place)
    if isinstance(exc, PursuitError):
        return Problem(400, "invalid_input", str(exc))
    return Problem(500, "internal", "something went wrong on the server; it has been logged")


def http_problem(status: int, detail: object) -> Problem:
    """A problem for an HTTP error raised by the framework (404 route, 405 method…)."""
    message = detail if isinstance(detail, str) else "request refused"
    return Problem(status, _HTTP_CODES.get(status, "http_error"), message)


def validation_problem(errors: Sequence[Mapping[str, Any]]) -> Problem:
    """FastAPI's request validation errors as one 400 naming the first field at fault."""
    first = errors[0] if errors else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form")]
    field = ".".join(loc) or None
    message = str(first.get("msg", "invalid request"))
    if first.get("type") == "value_error":  # our own words, e.g. "not a race time: '12..3'"
        return Problem(400, "invalid_input", message.removeprefix("Value error, "), field)
    return Problem(400, "invalid_input", f"{field}: {message}" if field else message, field)
