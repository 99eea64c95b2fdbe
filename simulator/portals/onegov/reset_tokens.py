"""Password-reset links: single use, expiring in sandbox time, stored hashed.

Plain Python over the account's ``state`` dictionary, so the rule is tested without Flask.
Only the SHA-256 of the token is kept: someone reading the database cannot rebuild a link.
A new request replaces the previous link; a password change (by the link or from « Mon
portail ») voids it too.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from datetime import datetime, timedelta

RESET_LIFETIME = timedelta(hours=1)
STATE_KEY = "onegov_reset"
TOKEN_SHAPE = re.compile(r"[0-9a-f]{32,128}", re.ASCII)


class ResetCheck(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


MESSAGES_FR = {
    ResetCheck.INVALID: "Ce lien de réinitialisation n'est pas valable. Vérifiez que vous l'avez copié en entier, "
                        "ou demandez un nouveau lien.",
    ResetCheck.EXPIRED: "Ce lien de réinitialisation a expiré (il n'est valable qu'une heure). Demandez un nouveau lien.",
    ResetCheck.USED: "Ce lien de réinitialisation a déjà servi : il ne fonctionne qu'une fois. Demandez un nouveau lien "
                     "si nécessaire.",
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def issue(state: dict | None, token: str, now: datetime, lifetime: timedelta = RESET_LIFETIME) -> dict:
    """The account's new state, holding only the hash of ``token`` and its expiry."""
    if lifetime > RESET_LIFETIME:
        raise ValueError("a reset link lives one hour at most")
    record = {"hash": token_hash(token), "issued_at": now.isoformat(), "expires_at": (now + lifetime).isoformat(),
              "used_at": None}
    return {**(state or {}), STATE_KEY: record}


def check(state: dict | None, token: str | None, now: datetime) -> ResetCheck:
    """Judge a link's token. Does not change anything."""
    record = (state or {}).get(STATE_KEY)
    if not token or not TOKEN_SHAPE.fullmatch(token) or not record:
        return ResetCheck.INVALID
    if not hmac.compare_digest(record["hash"], token_hash(token)):
        return ResetCheck.INVALID
    if record.get("used_at"):
        return ResetCheck.USED
    if now >= datetime.fromisoformat(record["expires_at"]):
        return ResetCheck.EXPIRED
    return ResetCheck.OK


def consume(state: dict | None, now: datetime) -> dict:
    """The state once the link has served: the same token is refused from now on."""
    record = (state or {}).get(STATE_KEY)
    if not record:
        return dict(state or {})
    return {**state, STATE_KEY: {**record, "used_at": now.isoformat()}}


def void(state: dict | None) -> dict:
    """The state without any link (the password changed another way)."""
    return {k: v for k, v in (state or {}).items() if k != STATE_KEY}


def issued_at(state: dict | None) -> datetime | None:
    record = (state or {}).get(STATE_KEY)
    return datetime.fromisoformat(record["issued_at"]) if record else None
