"""Access taken back through `Operators`: tokens expire or are revoked, sessions end on logging
out, a password change or disabling an operator voids both — read from the store, so another
process on the same database sees it at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pursuit.operators.decide import OperatorError
from pursuit.operators.passwords import PasswordCost, Passwords
from pursuit.operators.registry import AccessRefused, Operators
from pursuit.store.memory import MemoryEventStore
from pursuit.store.open import open_store

FAST = Passwords(PasswordCost(time_cost=1, memory_kib=8, parallelism=1))
PASSWORD = "a long password"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

    def __call__(self) -> str:
        return self.now.isoformat()

    def advance(self, **span: float) -> None:
        self.now += timedelta(**span)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ops(clock: Clock) -> Operators:
    operators = Operators(MemoryEventStore(), FAST, clock)
    operators.add("anna", "admin", PASSWORD, "setup")
    operators.add("tk1", "timekeeper", PASSWORD, "anna")
    return operators


def refused(ops: Operators, token: str) -> str:
    with pytest.raises(AccessRefused) as refusal:
        ops.token_user(token)
    return refusal.value.message


def test_a_token_lasts_thirty_days_by_default_and_then_is_refused_as_expired(
    ops: Operators, clock: Clock
) -> None:
    issued = ops.grant_token("tk1", "anna")
    assert issued.expires_at == "2026-12-31T10:00:00+00:00"
    clock.advance(days=30, seconds=-1)
    assert ops.token_user(issued.token).name == "tk1"
    clock.advance(seconds=1)
    assert refused(ops, issued.token) == "token expired"
    assert ops.tokens_in_force("tk1") == 0


def test_a_token_lasts_the_days_asked_for_within_bounds(ops: Operators, clock: Clock) -> None:
    token = ops.issue_token("tk1", "anna", days=2)
    clock.advance(days=1)
    assert ops.token_user(token).name == "tk1"
    clock.advance(days=1)
    assert refused(ops, token) == "token expired"
    for days in (0, -1, 3661):
        with pytest.raises(OperatorError, match="a token lasts 1 to 3660 days"):
            ops.issue_token("tk1", "anna", days=days)


def test_revoking_an_operators_tokens_voids_every_one_and_no_other(ops: Operators) -> None:
    first, second = ops.issue_token("tk1", "anna"), ops.issue_token("tk1", "anna")
    kept = ops.issue_token("anna", "anna")
    assert ops.tokens_in_force("tk1") == 2
    assert ops.revoke_tokens("tk1", "anna") == 2
    assert refused(ops, first) == refused(ops, second) == "unknown or revoked token"
    assert ops.token_user(kept).name == "anna"
    assert ops.revoke_tokens("tk1", "anna") == 0


def test_revoking_one_token_by_its_operators_name(ops: Operators) -> None:
    first, second = ops.issue_token("tk1", "anna"), ops.issue_token("tk1", "anna")
    with pytest.raises(OperatorError, match="no such token of 'anna'"):
        ops.revoke_token(first, "anna", name="anna")
    ops.revoke_token(first, "anna", name="tk1")
    assert refused(ops, first) == "unknown or revoked token"
    assert ops.token_user(second).name == "tk1"


def test_a_session_lets_its_operator_in_until_it_ends_or_expires(
    ops: Operators, clock: Clock
) -> None:
    ops.start_session("tk1", "nonce-1", 12 * 3600)
    ops.start_session("tk1", "nonce-2", 12 * 3600)
    assert ops.session_user("nonce-1", "tk1") == ops.get("tk1")
    assert ops.session_user("nonce-1", "anna") is None  # not anna's session
    assert ops.session_user("never-began", "tk1") is None
    ops.end_session("nonce-1", "tk1")
    assert ops.session_user("nonce-1", "tk1") is None
    assert ops.session_user("nonce-2", "tk1") is not None
    clock.advance(hours=12)
    assert ops.session_user("nonce-2", "tk1") is None


def test_a_password_change_revokes_the_tokens_and_ends_the_sessions(ops: Operators) -> None:
    token = ops.issue_token("tk1", "anna")
    ops.start_session("tk1", "nonce", 3600)
    ops.set_password("tk1", "another long password", "anna")
    assert refused(ops, token) == "unknown or revoked token"
    assert ops.session_user("nonce", "tk1") is None


def test_a_disabled_operator_cannot_log_in_and_loses_tokens_and_sessions_for_good(
    ops: Operators,
) -> None:
    token = ops.issue_token("tk1", "anna")
    ops.start_session("tk1", "nonce", 3600)
    ops.disable("tk1", "anna")
    user = ops.get("tk1")
    assert user is not None and user.disabled
    assert ops.authenticate("tk1", PASSWORD) is None
    assert refused(ops, token) == "unknown or revoked token"
    assert ops.session_user("nonce", "tk1") is None
    with pytest.raises(OperatorError, match="user 'tk1' is disabled"):
        ops.issue_token("tk1", "anna")
    with pytest.raises(OperatorError, match="user 'tk1' is disabled"):
        ops.start_session("tk1", "other", 3600)
    ops.enable("tk1", "anna")
    assert ops.authenticate("tk1", PASSWORD) == ops.get("tk1")
    assert refused(ops, token) == "unknown or revoked token"  # enabling brings none back


def test_another_process_on_the_same_database_sees_access_taken_back_at_once(
    tmp_path: Path, clock: Clock
) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    here = Operators(open_store(url), FAST, clock)
    there = Operators(open_store(url), FAST, clock)
    here.add("tk1", "timekeeper", PASSWORD, "setup")
    token = here.issue_token("tk1", "setup")
    here.start_session("tk1", "nonce", 3600)
    assert there.token_user(token).name == "tk1" and there.session_user("nonce", "tk1")
    here.end_session("nonce", "tk1")
    assert there.session_user("nonce", "tk1") is None
    here.disable("tk1", "setup")
    assert refused(there, token) == "unknown or revoked token"
    assert there.authenticate("tk1", PASSWORD) is None
