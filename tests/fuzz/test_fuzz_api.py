"""schemathesis against the OpenAPI document, anonymously and as each role: no answer is a 5xx,
and every answer is one the document describes (status, content type, body)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from api_fuzz import WHO, Tally, api, operations, run, tokens

EXAMPLES = 8  # per operation, per caller


@pytest.mark.slow
@pytest.mark.parametrize("who", WHO, ids=lambda who: who or "anonymous")
def test_no_call_the_document_allows_gets_a_server_error(who: str | None) -> None:
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder, api(Path(folder)) as (client, schema):
        run(client, schema, who, tokens(client)[who], EXAMPLES, tally, strict=True)
        assert len(operations(schema)) >= 25
    assert tally.cases[str(who)] >= 25 * EXAMPLES
    assert not tally.server_errors
