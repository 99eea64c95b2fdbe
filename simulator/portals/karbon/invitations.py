"""Karbon's invitation links: the domain's single-use links, valid seven days.

The firm invites its client by e-mail; a new invitation replaces the previous link, and the
first password set with it consumes it and activates the account.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ...domain import links
from ...domain.links import LinkCheck as InvitationCheck
from ...domain.links import hash_token, is_well_formed

LIFETIME = timedelta(days=7)
KIND = "invitation"

__all__ = [
    "LIFETIME",
    "InvitationCheck",
    "check",
    "consumed",
    "hash_token",
    "is_well_formed",
    "issued",
]


def issued(state: dict, token: str, now: datetime) -> dict:
    return links.issue(state, KIND, token, now, LIFETIME)


def check(state: dict, token: object, now: datetime) -> InvitationCheck:
    return links.check(state, KIND, token, now)


def consumed(state: dict, now: datetime) -> dict:
    """The state once the client has chosen a password: link used, account active."""
    return {**links.consume(state, KIND, now), "activated_at": now.isoformat()}
