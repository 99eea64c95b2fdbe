"""Invitation links: single use, expiring, kept hashed in the account's state.

The firm invites its client by e-mail; the link carries a random token. Only its SHA-256
is stored (a token of 192 random bits needs no slow hash), a new invitation replaces the
previous one, and the first password set with it consumes it. Plain functions on a dict,
so the rules are tested without Flask.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from datetime import datetime, timedelta

LIFETIME = timedelta(days=7)
_TOKEN = re.compile(r"[0-9a-f]{48}", re.ASCII)


class InvitationCheck(enum.Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_well_formed(token: str | None) -> bool:
    return bool(token) and _TOKEN.fullmatch(token) is not None


def issued(state: dict, token: str, now: datetime) -> dict:
    """A new state where ``token`` is the only valid invitation (the old link dies)."""
    invitation = {
        "token_hash": hash_token(token),
        "sent_at": now.isoformat(),
        "expires_at": (now + LIFETIME).isoformat(),
        "used_at": None,
    }
    return {**state, "invitation": invitation}


def check(state: dict, token: str | None, now: datetime) -> InvitationCheck:
    invitation = state.get("invitation")
    if not invitation or not is_well_formed(token):
        return InvitationCheck.UNKNOWN
    if not hmac.compare_digest(invitation["token_hash"], hash_token(token)):
        return InvitationCheck.UNKNOWN
    if invitation.get("used_at"):
        return InvitationCheck.USED
    if now >= datetime.fromisoformat(invitation["expires_at"]):
        return InvitationCheck.EXPIRED
    return InvitationCheck.OK


def consumed(state: dict, now: datetime) -> dict:
    """The state once the client has chosen a password: link used, account active."""
    invitation = {**state.get("invitation", {}), "used_at": now.isoformat()}
    return {**state, "invitation": invitation, "activated_at": now.isoformat()}


def when(state: dict, *path: str) -> datetime | None:
    """A date kept in the state (ISO text), or None: ``when(state, "invitation", "sent_at")``."""
    value = state
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return datetime.fromisoformat(value) if isinstance(value, str) else None
