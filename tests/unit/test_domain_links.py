"""Single-use links (password resets, invitations): one rule for every portal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import links
from simulator.domain.links import LinkCheck

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TOKEN, OTHER = "ab" * 24, "cd" * 24
HOUR = timedelta(hours=1)


def test_only_the_hash_is_kept_and_other_state_survives():
    state = links.issue({"x": 1}, "reset", TOKEN, NOW, HOUR)
    assert TOKEN not in repr(state) and state["x"] == 1
    assert state["reset"]["token_hash"] == links.hash_token(TOKEN)


def test_valid_until_expiry_then_expired():
    state = links.issue({}, "reset", TOKEN, NOW, HOUR)
    assert links.check(state, "reset", TOKEN, NOW + HOUR - timedelta(seconds=1)) is LinkCheck.OK
    assert links.check(state, "reset", TOKEN, NOW + HOUR) is LinkCheck.EXPIRED


def test_single_use():
    state = links.consume(links.issue({}, "reset", TOKEN, NOW, HOUR), "reset", NOW)
    assert links.check(state, "reset", TOKEN, NOW) is LinkCheck.USED


def test_a_new_link_replaces_the_old_one_and_kinds_are_separate():
    state = links.issue(links.issue({}, "reset", TOKEN, NOW, HOUR), "reset", OTHER, NOW, HOUR)
    assert links.check(state, "reset", TOKEN, NOW) is LinkCheck.UNKNOWN
    assert links.check(state, "reset", OTHER, NOW) is LinkCheck.OK
    assert links.check(state, "invitation", OTHER, NOW) is LinkCheck.UNKNOWN


def test_void_and_dates():
    state = links.issue({}, "reset", TOKEN, NOW, HOUR)
    assert links.date_of(state, "reset", "expires_at") == NOW + HOUR
    assert links.check(links.void(state, "reset"), "reset", TOKEN, NOW) is LinkCheck.UNKNOWN
    assert links.date_of({}, "reset", "issued_at") is None


@pytest.mark.parametrize(
    "typed", [None, "", 42, "AB" * 24, "zz" * 24, "ab" * 100, "ab' OR 1=1 --", "١٢" * 20]
)
def test_malformed_tokens_are_unknown(typed):
    assert (
        links.check(links.issue({}, "reset", TOKEN, NOW, HOUR), "reset", typed, NOW)
        is LinkCheck.UNKNOWN
    )


def test_a_short_token_cannot_be_issued():
    with pytest.raises(ValueError):
        links.issue({}, "reset", "abc", NOW, HOUR)
