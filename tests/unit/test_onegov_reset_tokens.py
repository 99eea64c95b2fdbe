"""Password-reset links of OneGov: single use, one hour at most, kept hashed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.portals.onegov import reset_tokens as rt

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TOKEN = "ab" * 24


def test_a_fresh_link_is_accepted():
    state = rt.issue({}, TOKEN, NOW)
    assert rt.check(state, TOKEN, NOW + timedelta(minutes=59)) is rt.ResetCheck.OK


def test_only_the_hash_is_stored():
    state = rt.issue({"other": 1}, TOKEN, NOW)
    assert TOKEN not in repr(state)
    assert state["other"] == 1
    assert state[rt.STATE_KEY]["hash"] == rt.token_hash(TOKEN)


def test_the_link_expires_after_one_hour():
    state = rt.issue({}, TOKEN, NOW)
    assert rt.check(state, TOKEN, NOW + timedelta(hours=1)) is rt.ResetCheck.EXPIRED


def test_a_lifetime_over_one_hour_is_refused():
    with pytest.raises(ValueError):
        rt.issue({}, TOKEN, NOW, timedelta(hours=2))


def test_the_link_serves_once():
    state = rt.consume(rt.issue({}, TOKEN, NOW), NOW)
    assert rt.check(state, TOKEN, NOW) is rt.ResetCheck.USED


def test_a_new_request_replaces_the_previous_link():
    state = rt.issue(rt.issue({}, TOKEN, NOW), "cd" * 24, NOW)
    assert rt.check(state, TOKEN, NOW) is rt.ResetCheck.INVALID
    assert rt.check(state, "cd" * 24, NOW) is rt.ResetCheck.OK


def test_a_voided_link_is_invalid():
    assert rt.check(rt.void(rt.issue({}, TOKEN, NOW)), TOKEN, NOW) is rt.ResetCheck.INVALID


@pytest.mark.parametrize("typed", ["", None, "AB" * 24, "zz" * 24, "ab" * 100, "ab' OR 1=1 --", "١٢٣٤" * 10])
def test_malformed_tokens_are_invalid(typed):
    assert rt.check(rt.issue({}, TOKEN, NOW), typed, NOW) is rt.ResetCheck.INVALID


def test_no_link_at_all_is_invalid():
    assert rt.check({}, TOKEN, NOW) is rt.ResetCheck.INVALID
    assert rt.issued_at({}) is None
    assert rt.consume({}, NOW) == {}


def test_every_refusal_has_a_french_message():
    assert set(rt.MESSAGES_FR) == {c for c in rt.ResetCheck if c is not rt.ResetCheck.OK}
