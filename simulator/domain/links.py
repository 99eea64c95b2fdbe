"""Links sent by e-mail that work once: password resets, invitations.

SECURITY.md: single use, expiring in sandbox time, kept hashed. The token is random (at
least 128 bits), so SHA-256 is enough: someone reading the database cannot rebuild a link.
A new link of the same kind replaces the previous one. Plain functions over the stored form
of an account's state (a dictionary of records by kind), each returning a new dictionary:
``services.state.transform_account_state`` reads, validates and saves it, nothing else does.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import datetime, timedelta

PASSWORD_RESET_MAX = timedelta(hours=1)
_TOKEN = re.compile(r"[0-9a-f]{32,128}", re.ASCII)


class LinkCheck(enum.Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_well_formed(token: object) -> bool:
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def issue(state: Mapping, kind: str, token: str, now: datetime, lifetime: timedelta) -> dict:
    if not is_well_formed(token):
        raise ValueError("a link token is 32 to 128 hexadecimal characters")
    record = {
        "token_hash": hash_token(token),
        "issued_at": now.isoformat(),
        "expires_at": (now + lifetime).isoformat(),
        "used_at": None,
    }
    return {**state, kind: record}


def check(state: Mapping, kind: str, token: object, now: datetime) -> LinkCheck:
    """Judge a link's token; changes nothing."""
    record = state.get(kind)
    if not record or not is_well_formed(token):
        return LinkCheck.UNKNOWN
    if not hmac.compare_digest(record["token_hash"], hash_token(token)):
        return LinkCheck.UNKNOWN
    if record.get("used_at"):
        return LinkCheck.USED
    if now >= datetime.fromisoformat(record["expires_at"]):
        return LinkCheck.EXPIRED
    return LinkCheck.OK


def consume(state: Mapping, kind: str, now: datetime) -> dict:
    record = state.get(kind)
    if not record:
        return dict(state)
    return {**state, kind: {**record, "used_at": now.isoformat()}}


def void(state: Mapping, kind: str) -> dict:
    return {k: v for k, v in state.items() if k != kind}


def date_of(state: Mapping, kind: str, field: str) -> datetime | None:
    value = (state.get(kind) or {}).get(field)
    return datetime.fromisoformat(value) if isinstance(value, str) else None
