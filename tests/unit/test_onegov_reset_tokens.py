"""Password-reset links of OneGov: single use, one hour at most, kept hashed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain.links import LinkCheck, hash_token
from simulator.portals.onegov import reset_tokens as rt

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TOKEN = "ab" * 24


def test_a_fresh_link_is_accepted():
    state = rt.issue({}, TOKEN, NOW)
    assert rt.check(state, TOKEN, NOW + timedelta(minutes=59)) is LinkCheck.OK


def test_only_the_hash_is_stored():
    state = rt.issue({"other": 1}, TOKEN, NOW)
    assert TOKEN not in repr(state)
    assert state["other"] == 1
    assert state[rt.KIND]["token_hash"] == hash_token(TOKEN)


def test_the_link_expires_after_one_hour():
    state = rt.issue({}, TOKEN, NOW)
    assert rt.check(state, TOKEN, NOW + timedelta(hours=1)) is LinkCheck.EXPIRED


def test_a_reset_link_never_lives_over_one_hour():
    assert rt.RESET_LIFETIME <= timedelta(hours=1)


def test_the_link_serves_once():
    state = rt.consume(rt.issue({}, TOKEN, NOW), NOW)
    assert rt.check(state, TOKEN, NOW) is LinkCheck.USED


def test_a_new_request_replaces_the_previous_link():
    state = rt.issue(rt.issue({}, TOKEN, NOW), "cd" * 24, NOW)
    assert rt.check(state, TOKEN, NOW) is LinkCheck.UNKNOWN
    assert rt.check(state, "cd" * 24, NOW) is LinkCheck.OK


def test_a_voided_link_is_invalid():
    assert rt.check(rt.void(rt.issue({}, TOKEN, NOW)), TOKEN, NOW) is LinkCheck.UNKNOWN


@pytest.mark.parametrize(
    "typed", ["", None, "AB" * 24, "zz" * 24, "ab" * 100, "ab' OR 1=1 --", "١٢٣٤" * 10]
)
def test_malformed_tokens_are_invalid(typed):
    assert rt.check(rt.issue({}, TOKEN, NOW), typed, NOW) is LinkCheck.UNKNOWN


def test_no_link_at_all_is_invalid():
    assert rt.check({}, TOKEN, NOW) is LinkCheck.UNKNOWN
    assert rt.issued_at({}) is None
    assert rt.consume({}, NOW) == {}


def test_every_refusal_has_a_french_message():
    assert set(rt.MESSAGES_FR) == {c for c in LinkCheck if c is not LinkCheck.OK}
