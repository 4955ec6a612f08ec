"""`Operators` over a store: a `_users` log written before the operators' domain existed is read
unchanged, and what it writes now has the same shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pursuit.errors import PursuitError
from pursuit.operators.passwords import PasswordCost, Passwords
from pursuit.operators.registry import STREAM, AccessRefused, Operators, token_digest
from pursuit.operators.roles import Role
from pursuit.store.events import NewEvent
from pursuit.store.memory import MemoryEventStore

LOG = Path(__file__).resolve().parents[1] / "data" / "operators-log-v1.jsonl"
FAST = Passwords(PasswordCost(time_cost=1, memory_kib=8, parallelism=1))
TOKEN = "pst_fixed-token-for-the-fixture"  # the token the old log issued, revoked and reissued


def old_log() -> MemoryEventStore:
    store = MemoryEventStore()
    for position, text in enumerate(LOG.read_text("utf-8").splitlines()):
        x = json.loads(text)
        event = NewEvent(
            x["type"], x["version"], x["data"], x["command_id"], x["actor"], x["recorded_at"]
        )
        store.append(STREAM, position, [event])
    return store


def operators(store: MemoryEventStore) -> Operators:
    return Operators(store, FAST, lambda: "2026-12-03T09:00:00Z")


def test_an_old_log_gives_the_same_operators_passwords_and_tokens() -> None:
    ops = operators(old_log())
    assert [(u.name, u.role) for u in ops.all()] == [
        ("anna", Role.ADMIN),
        ("tk1", Role.COMMISSAIRE),
    ]
    assert ops.authenticate("anna", "anna's first password") == ops.get("anna")
    assert ops.authenticate("tk1", "tk1 password 123") is None  # changed at position 4
    assert ops.authenticate("tk1", "tk1 new password") == ops.get("tk1")
    assert ops.token_user(TOKEN) == ops.get("anna")  # a version 1 token: no expiry


def test_writing_on_an_old_log_appends_events_of_the_same_shape() -> None:
    store = old_log()
    ops = operators(store)
    ops.add("tk2", "Timekeeper", "a long password", "anna")
    ops.set_role("tk2", "commissaire", "anna")
    ops.set_password("tk2", "another password", "anna")
    token = ops.issue_token("tk2", "anna")
    ops.revoke_token(token, "anna")
    old = {json.loads(t)["type"]: json.loads(t)["data"] for t in LOG.read_text().splitlines()}
    new = list(store.read(STREAM, 7))
    assert [e.type for e in new] == list(old)
    assert [list(e.data) for e in new if e.type != "TokenIssued"] == [
        list(d) for t, d in old.items() if t != "TokenIssued"
    ]
    assert new[0].data["role"] == "timekeeper" and new[0].data["password_hash"].startswith("$argon")
    assert new[3].data == {
        "name": "tk2",
        "token_sha256": token_digest(token),
        "expires_at": "2027-01-02T09:00:00+00:00",  # 30 days after the clock's time
    }
    assert {(e.type, e.version) for e in new if e.version != 1} == {("TokenIssued", 2)}
    assert {e.actor for e in new} == {"anna"}
    with pytest.raises(AccessRefused, match="unknown or revoked token"):
        ops.token_user(token)
    assert ops.get("tk2") is not None


def test_refusals_name_the_fault_and_write_nothing() -> None:
    store = old_log()
    ops = operators(store)
    cases = [
        (lambda: ops.add("bad name", "admin", "long enough", "anna"), "letters, digits"),
        (lambda: ops.add("anna", "admin", "long enough", "anna"), "'anna' already exists"),
        (lambda: ops.add("new", "boss", "long enough", "anna"), "unknown role 'boss'"),
        (lambda: ops.set_password("tk1", "short", "anna"), "at least 8 characters"),
        (lambda: ops.issue_token("ghost", "anna"), "no user 'ghost'"),
        (lambda: ops.revoke_token("pst_never", "anna"), "no such token"),
    ]
    for attempt, reason in cases:
        with pytest.raises(PursuitError, match=reason):
            attempt()
    assert store.head(STREAM) == 7
