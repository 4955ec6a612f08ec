"""Shapes the API documents in its OpenAPI description: the one error shape, a write's answer."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from pursuit.operators.state import TOKEN_DAYS


class ErrorBody(BaseModel):
    code: str = Field(
        description="rule_violation, invalid_input, unauthenticated, forbidden, "
        "not_found, conflict, store_unavailable, internal"
    )
    message: str
    field: str | None = Field(None, description="The input field at fault, when one is.")


class ErrorDocument(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorDocument, "description": text}
    for status, text in (
        (400, "Refused by the rules, or bad input (nothing was written)"),
        (401, "No or unknown bearer token"),
        (403, "The token's user has a lower role"),
        (404, "No such competition, round or heat"),
        (409, "Another writer was first; read again and retry"),
    )
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = ERRORS | {
    status: {"model": ErrorDocument, "description": text}
    for status, text in (
        (413, "The request body is larger than the server takes"),
        (422, "The Idempotency-Key was used before for another request or operator"),
        (503, "The database is read-only or cannot be reached (read-only: writes refused)"),
        (507, "The disk is full: nothing was recorded"),
    )
}
THROTTLED: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorDocument, "description": text}
    for status, text in (
        (429, "Too many wrong passwords for this name or from this address (Retry-After)"),
        (503, "Too many logins at once (Retry-After)"),
    )
}


class RecordedEvent(BaseModel):
    position: int
    type: str
    data: dict[str, Any]
    description: str


class CatchProposal(BaseModel):
    round: str
    heat: int
    catcher: str
    caught: str
    half_lap: int


class Recorded(BaseModel):
    position: int = Field(description="The competition's log position after the write.")
    events: list[RecordedEvent]
    catch_proposal: CatchProposal | None = Field(
        None, description="The splits show a catch: confirm it with POST …/catches."
    )


class Credentials(BaseModel):
    name: str
    password: str


class Token(BaseModel):
    token: str
    name: str
    role: str
    expires_at: str = Field(
        description=f"When the token stops working (ISO 8601, UTC): {TOKEN_DAYS} days after it "
        "is issued"
    )


class NewUser(BaseModel):
    name: str
    role: str = Field(description="timekeeper, commissaire or admin")
    password: str = Field(min_length=8)
