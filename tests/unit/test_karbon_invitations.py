"""Karbon's invitation links: single use, expiring, kept hashed, one valid at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.portals.karbon import invitations
from simulator.portals.karbon.invitations import InvitationCheck
from simulator.services.state import AccountState

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TOKEN = "ab" * 24
OTHER = "cd" * 24


def test_the_state_keeps_only_a_hash_of_the_token():
    state = invitations.issued({}, TOKEN, NOW)
    assert TOKEN not in str(state)
    assert state["invitation"]["token_hash"] == invitations.hash_token(TOKEN)


def test_a_fresh_link_is_valid_until_it_expires():
    state = invitations.issued({}, TOKEN, NOW)
    assert invitations.check(state, TOKEN, NOW) is InvitationCheck.OK
    almost = NOW + invitations.LIFETIME - timedelta(seconds=1)
    assert invitations.check(state, TOKEN, almost) is InvitationCheck.OK
    assert invitations.check(state, TOKEN, NOW + invitations.LIFETIME) is InvitationCheck.EXPIRED


def test_a_link_works_once():
    state = invitations.consumed(invitations.issued({}, TOKEN, NOW), NOW)
    assert invitations.check(state, TOKEN, NOW) is InvitationCheck.USED
    assert AccountState.model_validate(state).activated_at == NOW


def test_a_new_invitation_voids_the_previous_link():
    state = invitations.issued(invitations.issued({}, TOKEN, NOW), OTHER, NOW)
    assert invitations.check(state, TOKEN, NOW) is InvitationCheck.UNKNOWN
    assert invitations.check(state, OTHER, NOW) is InvitationCheck.OK


@pytest.mark.parametrize("token", [None, "", "ab", TOKEN.upper(), TOKEN + "0", "zz" * 24, "é" * 48])
def test_malformed_tokens_are_unknown(token):
    state = invitations.issued({}, TOKEN, NOW)
    assert invitations.check(state, token, NOW) is InvitationCheck.UNKNOWN


def test_no_invitation_no_valid_link():
    assert invitations.check({}, TOKEN, NOW) is InvitationCheck.UNKNOWN


def test_the_state_is_a_new_dict_each_time():
    """The account's JSON column is saved only when a new dict is assigned."""
    original = {"autre": 1}
    state = invitations.issued(original, TOKEN, NOW)
    assert state is not original and original == {"autre": 1} and state["autre"] == 1
