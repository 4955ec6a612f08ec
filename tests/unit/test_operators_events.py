"""Operator events on the wire: the names and data the `_users` log has always held, secrets
marked so nothing shows them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pursuit.app.ids import is_reserved
from pursuit.core.event_wire import UnknownEvent
from pursuit.operators import events as ev
from pursuit.operators.evolve import fold
from pursuit.operators.registry import STREAM
from pursuit.operators.roles import Role
from pursuit.operators.state import Grant
from pursuit.store.events import encode_data

LOG = Path(__file__).resolve().parents[1] / "data" / "operators-log-v1.jsonl"


def stored_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LOG.read_text("utf-8").splitlines()]


def test_each_event_of_an_old_log_reads_and_writes_back_byte_for_byte() -> None:
    for line in stored_lines():
        if line["type"] == "TokenIssued":
            continue  # version 1; now at version 2 (below)
        event = ev.from_wire(line["type"], line["version"], line["data"])
        name, version, data = ev.to_wire(event)
        assert (name, version) == (line["type"], line["version"])
        assert encode_data(data) == encode_data(line["data"])


def test_a_token_issued_before_tokens_expired_reads_as_one_without_an_expiry() -> None:
    old = next(x for x in stored_lines() if x["type"] == "TokenIssued")
    assert old["version"] == 1 and "expires_at" not in old["data"]
    event = ev.from_wire("TokenIssued", 1, old["data"])
    assert event == ev.TokenIssued(old["data"]["name"], old["data"]["token_sha256"], None)
    assert ev.to_wire(event) == ("TokenIssued", 2, {**old["data"], "expires_at": None})


def test_every_new_event_reads_back_as_it_was_written() -> None:
    until = "2027-01-01T00:00:00+00:00"
    for event in (
        ev.TokenIssued("anna", "d1", until),
        ev.UserDisabled("anna"),
        ev.UserEnabled("anna"),
        ev.SessionStarted("anna", "s1", "2026-12-01T10:00:00+00:00", until),
        ev.SessionEnded("s1"),
    ):
        assert ev.from_wire(*ev.to_wire(event)) == event


def test_an_old_log_folds_into_its_operators_roles_and_tokens() -> None:
    lines = stored_lines()
    state = fold(ev.from_wire(x["type"], x["version"], x["data"]) for x in lines)
    assert state.position == len(lines) == 7
    assert {n: (u.role, u.credentials) for n, u in state.users.items()} == {
        "anna": (Role.ADMIN, 1),
        "tk1": (Role.COMMISSAIRE, 4),
    }
    assert state.users["tk1"].password_hash == lines[3]["data"]["password_hash"]
    assert state.tokens == {lines[6]["data"]["token_sha256"]: Grant("anna", None)}


def test_the_wire_names_are_the_ones_the_users_log_has_always_used() -> None:
    assert set(ev.EVENT_TYPES) == {
        "UserCreated",
        "RoleChanged",
        "PasswordChanged",
        "TokenIssued",
        "TokenRevoked",
        "UserDisabled",
        "UserEnabled",
        "SessionStarted",
        "SessionEnded",
    }
    versions = {name: cls.version for name, cls in ev.EVENT_TYPES.items()}
    assert versions.pop("TokenIssued") == 2 and set(versions.values()) == {1}


def test_an_event_this_version_cannot_read_is_an_error_not_skipped() -> None:
    with pytest.raises(UnknownEvent):
        ev.from_wire("UserRenamed", 1, {"name": "anna"})
    with pytest.raises(UnknownEvent):
        ev.from_wire("UserCreated", 2, {"name": "anna", "role": "admin", "password_hash": "h"})
    with pytest.raises(UnknownEvent):
        ev.from_wire("TokenIssued", 3, {"name": "anna", "token_sha256": "d"})


def test_hashes_and_token_digests_are_secret_and_left_out_of_what_is_shown() -> None:
    created = ev.UserCreated("anna", Role.ADMIN, "the-hash")
    issued = ev.TokenIssued("anna", "the-digest", "2027-01-01T00:00:00+00:00")
    assert ev.shown_data(created) == {"name": "anna", "role": "admin"}
    assert ev.shown_data(issued) == {"name": "anna", "expires_at": "2027-01-01T00:00:00+00:00"}
    started = ev.SessionStarted("anna", "the-digest", "2026-12-01T10:00", "2026-12-01T22:00")
    assert "the-digest" not in repr(started) and "the-digest" not in str(ev.shown_data(started))
    assert ev.shown_data(ev.SessionEnded("the-digest")) == {}
    assert ev.shown_data(ev.TokenRevoked("the-digest")) == {}
    assert ev.shown_data(ev.RoleChanged("anna", Role.ADMIN)) == {"name": "anna", "role": "admin"}
    for event in (created, issued, ev.PasswordChanged("anna", "the-hash")):
        assert "the-hash" not in repr(event) and "the-digest" not in repr(event)


def test_every_field_that_holds_a_hash_or_digest_is_marked_secret() -> None:
    for cls in ev.EVENT_TYPES.values():
        fields = set(cls.__dataclass_fields__)
        secrets = {"password_hash", "token_sha256", "session_sha256"}
        assert fields & secrets == set(cls.secret_fields)


def test_the_operators_stream_is_a_reserved_id_never_a_competition() -> None:
    assert STREAM == "_users" and is_reserved(STREAM)


def test_the_secret_fields_are_found_by_wire_name_and_other_events_have_none() -> None:
    assert ev.secret_fields_of("UserCreated") == {"password_hash"}
    assert ev.secret_fields_of("TokenRevoked") == {"token_sha256"}
    assert ev.secret_fields_of("SessionStarted") == {"session_sha256"}
    assert ev.secret_fields_of("FinishRecorded") == frozenset()


def test_an_operator_event_missing_a_field_or_with_an_unknown_role_cannot_be_read() -> None:
    from pursuit.core.event_wire import UnknownEvent
    from pursuit.operators.events import from_wire

    with pytest.raises(UnknownEvent, match="RoleChanged"):
        from_wire("RoleChanged", 1, {"name": "tk"})
    with pytest.raises(UnknownEvent, match="RoleChanged"):
        from_wire("RoleChanged", 1, {"name": "tk", "role": "emperor"})
