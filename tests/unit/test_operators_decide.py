"""Operators as a pure domain: each command accepted or refused with its reason, each event
folded; no store, no web, no hashing (hashes and digests are plain strings here)."""

from __future__ import annotations

import pytest

from pursuit.operators import commands as c
from pursuit.operators import events as ev
from pursuit.operators.decide import OperatorError, decide
from pursuit.operators.evolve import evolve, fold
from pursuit.operators.roles import Role, UnknownRole, parse_role
from pursuit.operators.state import Grant, OperatorsState

HASH = "$argon2id$v=19$m=8,t=1,p=1$salt$hash"
DIGEST = "ab" * 32
OTHER = "cd" * 32
UNTIL = "2027-01-01T00:00:00+00:00"


def with_anna(*more: ev.OperatorEvent) -> OperatorsState:
    return fold([ev.UserCreated("anna", Role.ADMIN, HASH), *more])


def refusal(state: OperatorsState, command: c.OperatorCommand) -> str:
    with pytest.raises(OperatorError) as refused:
        decide(state, command)
    return refused.value.message


def test_adding_an_operator_creates_the_user() -> None:
    events = decide(OperatorsState(), c.AddOperator("tk1", Role.TIMEKEEPER, HASH))
    assert events == [ev.UserCreated("tk1", Role.TIMEKEEPER, HASH)]


@pytest.mark.parametrize("name", ["", "-lead", "has space", "x" * 41, "ünï"])
def test_adding_an_operator_with_an_unusable_name_is_refused(name: str) -> None:
    reason = refusal(OperatorsState(), c.AddOperator(name, Role.ADMIN, HASH))
    assert "letters, digits, dots, dashes or underscores" in reason


def test_adding_an_operator_whose_name_is_taken_is_refused() -> None:
    reason = refusal(with_anna(), c.AddOperator("anna", Role.TIMEKEEPER, HASH))
    assert reason == "user 'anna' already exists"


def test_changing_a_role_records_the_new_role() -> None:
    events = decide(with_anna(), c.ChangeRole("anna", Role.COMMISSAIRE))
    assert events == [ev.RoleChanged("anna", Role.COMMISSAIRE)]


def test_changing_the_role_of_an_unknown_operator_is_refused() -> None:
    assert refusal(with_anna(), c.ChangeRole("ghost", Role.ADMIN)) == "no user 'ghost'"


def test_changing_a_password_records_the_new_hash() -> None:
    events = decide(with_anna(), c.ChangePassword("anna", "new-hash"))
    assert events == [ev.PasswordChanged("anna", "new-hash")]


def test_changing_the_password_of_an_unknown_operator_is_refused() -> None:
    assert refusal(with_anna(), c.ChangePassword("ghost", "h")) == "no user 'ghost'"


def test_issuing_a_token_records_its_digest_for_the_operator() -> None:
    events = decide(with_anna(), c.IssueToken("anna", DIGEST, UNTIL))
    assert events == [ev.TokenIssued("anna", DIGEST, UNTIL)]


def test_issuing_a_token_to_an_unknown_operator_is_refused() -> None:
    assert refusal(with_anna(), c.IssueToken("ghost", DIGEST, UNTIL)) == "no user 'ghost'"


def test_issuing_a_token_already_in_use_is_refused() -> None:
    state = with_anna(ev.TokenIssued("anna", DIGEST, UNTIL))
    assert "already issued" in refusal(state, c.IssueToken("anna", DIGEST, UNTIL))


def test_revoking_an_issued_token_records_the_revocation() -> None:
    state = with_anna(ev.TokenIssued("anna", DIGEST, UNTIL))
    assert decide(state, c.RevokeToken(DIGEST)) == [ev.TokenRevoked(DIGEST)]


def test_revoking_a_token_never_issued_or_already_revoked_is_refused() -> None:
    revoked = with_anna(ev.TokenIssued("anna", DIGEST, UNTIL), ev.TokenRevoked(DIGEST))
    for state in (with_anna(), revoked):
        assert "no such token" in refusal(state, c.RevokeToken(DIGEST))


def test_a_command_decide_does_not_know_is_refused() -> None:
    assert "unknown command" in refusal(OperatorsState(), c.OperatorCommand())


def test_deciding_changes_nothing() -> None:
    state = with_anna()
    decide(state, c.AddOperator("tk1", Role.TIMEKEEPER, HASH))
    assert list(state.users) == ["anna"] and state.position == 1


def test_a_created_user_has_the_role_hash_and_the_position_as_credentials() -> None:
    state = fold([ev.UserCreated("x", Role.ADMIN, "h0"), ev.UserCreated("anna", Role.ADMIN, HASH)])
    anna = state.users["anna"]
    assert (anna.role, anna.password_hash, anna.credentials, state.position) == (
        Role.ADMIN,
        HASH,
        2,
        2,
    )


def test_a_role_change_keeps_the_credentials() -> None:
    state = evolve(with_anna(), ev.RoleChanged("anna", Role.TIMEKEEPER))
    assert state.users["anna"].role is Role.TIMEKEEPER and state.users["anna"].credentials == 1


def test_a_password_change_moves_the_credentials_to_its_position() -> None:
    state = evolve(with_anna(), ev.PasswordChanged("anna", "new-hash"))
    assert state.users["anna"].password_hash == "new-hash"
    assert state.users["anna"].credentials == 2


def test_changes_for_a_name_the_log_does_not_know_are_skipped() -> None:
    state = fold([ev.RoleChanged("ghost", Role.ADMIN), ev.PasswordChanged("ghost", "h")])
    assert state.users == {} and state.position == 2


def test_an_issued_token_is_held_for_its_operator_until_it_is_revoked() -> None:
    state = with_anna(ev.TokenIssued("anna", DIGEST, UNTIL))
    assert state.tokens[DIGEST] == Grant("anna", UNTIL)
    evolve(state, ev.TokenRevoked(DIGEST))
    assert DIGEST not in state.tokens and state.position == 3


def test_a_copy_of_the_state_is_not_changed_by_later_events() -> None:
    state = with_anna()
    kept = state.copy()
    evolve(state, ev.TokenIssued("anna", DIGEST, UNTIL))
    evolve(state, ev.UserCreated("tk1", Role.TIMEKEEPER, HASH))
    assert kept.position == 1 and list(kept.users) == ["anna"] and kept.tokens == {}


def test_roles_include_what_the_ones_below_may_do() -> None:
    assert Role.ADMIN.allows(Role.COMMISSAIRE) and Role.COMMISSAIRE.allows(Role.TIMEKEEPER)
    assert not Role.TIMEKEEPER.allows(Role.COMMISSAIRE)


def test_a_role_name_is_read_in_any_case_and_an_unknown_one_is_refused() -> None:
    assert parse_role(" Admin ") is Role.ADMIN
    with pytest.raises(UnknownRole, match="unknown role 'boss'"):
        parse_role("boss")


def with_tokens_and_sessions() -> OperatorsState:
    return with_anna(
        ev.UserCreated("tk1", Role.TIMEKEEPER, HASH),
        ev.TokenIssued("anna", DIGEST, UNTIL),
        ev.TokenIssued("tk1", OTHER, UNTIL),
        ev.SessionStarted("anna", "s1", "2026-12-01T10:00:00+00:00", UNTIL),
        ev.SessionStarted("tk1", "s2", "2026-12-01T10:00:00+00:00", UNTIL),
    )


def test_a_password_change_revokes_the_operators_tokens_and_ends_their_sessions() -> None:
    events = decide(with_tokens_and_sessions(), c.ChangePassword("anna", "new-hash"))
    assert events == [
        ev.PasswordChanged("anna", "new-hash"),
        ev.TokenRevoked(DIGEST),
        ev.SessionEnded("s1"),
    ]


def test_revoking_an_operators_tokens_revokes_theirs_only() -> None:
    state = with_tokens_and_sessions()
    assert decide(state, c.RevokeTokens("tk1")) == [ev.TokenRevoked(OTHER)]
    assert decide(evolve(state, ev.TokenRevoked(OTHER)), c.RevokeTokens("tk1")) == []
    assert refusal(state, c.RevokeTokens("ghost")) == "no user 'ghost'"


def test_revoking_one_token_by_its_operator_refuses_another_operators_token() -> None:
    state = with_tokens_and_sessions()
    assert decide(state, c.RevokeToken(OTHER, "tk1")) == [ev.TokenRevoked(OTHER)]
    assert "no such token of 'anna'" in refusal(state, c.RevokeToken(OTHER, "anna"))


def test_disabling_an_operator_ends_their_sessions_and_revokes_their_tokens() -> None:
    state = with_tokens_and_sessions()
    events = decide(state, c.DisableUser("tk1"))
    assert events == [ev.UserDisabled("tk1"), ev.TokenRevoked(OTHER), ev.SessionEnded("s2")]
    fold(events, state)
    assert state.users["tk1"].disabled and not state.users["anna"].disabled
    assert set(state.tokens) == {DIGEST} and set(state.sessions) == {"s1"}


def test_a_disabled_operator_gets_no_token_no_session_and_is_not_disabled_twice() -> None:
    state = with_anna(ev.UserDisabled("anna"))
    assert refusal(state, c.IssueToken("anna", DIGEST, UNTIL)) == "user 'anna' is disabled"
    start = c.StartSession("anna", "s1", "2026-12-01T10:00:00+00:00", UNTIL)
    assert refusal(state, start) == "user 'anna' is disabled"
    assert refusal(state, c.DisableUser("anna")) == "user 'anna' is disabled"


def test_enabling_lets_a_disabled_operator_in_again_and_only_a_disabled_one() -> None:
    assert refusal(with_anna(), c.EnableUser("anna")) == "user 'anna' is not disabled"
    state = with_anna(ev.UserDisabled("anna"))
    assert decide(state, c.EnableUser("anna")) == [ev.UserEnabled("anna")]
    assert not evolve(state, ev.UserEnabled("anna")).users["anna"].disabled


def test_a_session_ends_once_and_ending_it_again_records_nothing() -> None:
    state = with_tokens_and_sessions()
    assert decide(state, c.EndSession("s1")) == [ev.SessionEnded("s1")]
    assert decide(evolve(state, ev.SessionEnded("s1")), c.EndSession("s1")) == []


def test_sessions_over_when_a_new_one_begins_are_forgotten() -> None:
    state = with_anna(
        ev.SessionStarted("anna", "old", "2026-12-01T08:00:00+00:00", "2026-12-01T20:00:00Z"),
        ev.SessionStarted("anna", "mid", "2026-12-01T09:00:00+00:00", "2026-12-01T21:00:00Z"),
        ev.SessionStarted("anna", "new", "2026-12-01T20:30:00+00:00", "2026-12-02T08:30:00Z"),
    )
    assert list(state.sessions) == ["mid", "new"]
