"""schemathesis against the API's OpenAPI document, anonymously and with each role: shared by
`test_fuzz_api.py` and `bench/fuzz_report.py`.

Cases come from the document (`/openapi.json`), valid and invalid ones, with the competition id
(and round) sometimes fixed to a competition that exists so the calls get past "not found". They
are sent through Starlette's TestClient to an app on a SQLite store; the app's own exceptions
become 500s here (not raised into the test) so that every one is counted.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemathesis
from fuzz_support import fuzz
from hypothesis import given, note
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_support import PASSWORD, ROLES, seed, settings

from pursuit.web.app import create_app

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2; httpx still works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
STREAMS = {"/c/{cid}/events"}  # server-sent events: a stream that does not end
WHO = (None, *ROLES)  # anonymous, then tk (timekeeper), com (commissaire), boss (admin)


@dataclass
class Tally:
    cases: Counter[str] = field(default_factory=Counter)  # by who
    server_errors: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)  # a check's title → one example


@contextmanager
def api(folder: Path) -> Iterator[tuple[TestClient, schemathesis.schemas.BaseSchema]]:
    """The app on a SQLite store with competition `cup` and one user per role."""
    app = create_app(settings(f"sqlite:///{folder}/api.db"))
    seed(app.state.web)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, schemathesis.openapi.from_dict(client.get("/openapi.json").json())


def tokens(client: TestClient) -> dict[str | None, dict[str, str]]:
    out: dict[str | None, dict[str, str]] = {None: {}}
    for name in ROLES:
        answer = client.post("/api/token", json={"name": name, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        out[name] = {"Authorization": f"Bearer {answer.json()['token']}"}
    return out


def cases(operation: Any) -> st.SearchStrategy[Any]:
    """Valid and invalid cases; half of them about competition `cup` and its round Q."""
    known: dict[str, str] = {}
    if "{cid}" in operation.path:
        known["cid"] = "cup"
    if "{round_id}" in operation.path:
        known["round_id"] = "Q"
    options = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        options.append(operation.as_strategy(mode))
        if known:
            options.append(operation.as_strategy(mode, path_parameters=known))
    return st.one_of(options)


def operations(schema: Any) -> list[Any]:
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if op.path not in STREAMS]


def run(
    client: TestClient,
    schema: Any,
    who: str | None,
    headers: dict[str, str],
    examples: int,
    tally: Tally,
    strict: bool,
    seed_value: int | None = None,
) -> None:
    """`examples` cases per operation as `who`; with `strict`, the first 5xx or
    nonconforming answer fails (with its curl command), else each is counted."""
    for operation in operations(schema):

        @fuzz(examples, seed_value)
        @given(case=cases(operation))
        def one(case: Any) -> None:
            sent = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
            answer = client.request(sent.pop("method"), sent.pop("url"), **_httpx(sent))
            tally.cases[str(who)] += 1
            tally.statuses[answer.status_code] += 1
            if answer.status_code >= 500:
                tally.server_errors[str(who)] += 1
            try:
                case.validate_response(answer, checks=CHECKS)
            except BaseException as failure:
                title = f"{case.operation.method.upper()} {case.operation.path}: {_titles(failure)}"
                tally.failures.setdefault(title, f"{case.as_curl_command()}\n{answer.text[:300]}")
                if strict:
                    note(f"as {who or 'anonymous'}: {title}")
                    raise

        one()


def _httpx(sent: dict[str, Any]) -> dict[str, Any]:
    """The rest of a case's requests-style arguments as httpx takes them: raw bytes as
    `content`, cookies as a header (httpx keeps per-request cookies on the client)."""
    if isinstance(sent.get("data"), bytes | str):
        sent["content"] = sent.pop("data")
    cookies = sent.pop("cookies", None) or {}
    if cookies:
        jar = "; ".join(f"{k}={v}" for k, v in cookies.items())
        sent["headers"] = {**(sent.get("headers") or {}), "Cookie": jar}
    return sent


def _titles(failure: BaseException) -> str:
    inner = getattr(failure, "exceptions", None) or [failure]
    return "; ".join(sorted({getattr(f, "title", type(f).__name__) for f in inner}))
