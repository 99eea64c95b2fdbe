"""One-time codes sent by e-mail or SMS.

A code is drawn from the random source the caller passes (``secrets`` in normal use, a
seeded generator in walkthrough mode so screenshots repeat), kept hashed, bound to one
request (a login attempt or an enrolment), valid once, until it expires. Issuing a new code
voids the previous one; the failure count is the lockout module's business and is not reset.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

CODE_DIGITS = 6
DEFAULT_LIFETIME = timedelta(minutes=10)
PIGP_EMAIL_LIFETIME = timedelta(minutes=30)  # seed 000 §3: "dans les 30 minutes"
SMS_CHALLENGE_LIFETIME = timedelta(minutes=30)  # longer than EU Login's 15-minute worst delay

_ASCII_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}", re.ASCII)


class CodeCheck(enum.Enum):
    OK = "ok"
    MALFORMED = "malformed"
    WRONG = "wrong"
    EXPIRED = "expired"
    USED = "used"
    VOIDED = "voided"
    OTHER_REQUEST = "other_request"


@dataclass(frozen=True)
class IssuedCode:
    code: str
    code_hash: str
    issued_at: datetime
    expires_at: datetime


def draw(rng: Random) -> str:
    """Six digits, leading zeros kept."""
    return f"{rng.randrange(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(code: str, request_id: str) -> str:
    """Keyed on the request, so the same digits issued for two requests hash differently."""
    return hmac.new(request_id.encode(), code.encode(), hashlib.sha256).hexdigest()


def issue(
    rng: Random, request_id: str, now: datetime, lifetime: timedelta = DEFAULT_LIFETIME
) -> IssuedCode:
    code = draw(rng)
    return IssuedCode(code, hash_code(code, request_id), now, now + lifetime)


def normalize(typed: str | None) -> str | None:
    """The six ASCII digits the user meant, or None.

    Spaces are forgiven (codes are often copied as « 123 456 »); anything else, Unicode
    digits included, is refused rather than guessed.
    """
    if typed is None or len(typed) > 64:
        return None
    compact = re.sub(r"[ \u00a0\u202f\t-]", "", typed)
    return compact if _ASCII_CODE.fullmatch(compact) else None


class ChallengeRecord:
    """What the store keeps of an issued code (any object with these attributes will do)."""

    request_id: str
    code_hash: str
    expires_at: datetime
    used_at: datetime | None
    voided_at: datetime | None


def check(
    challenges: Iterable[ChallengeRecord], typed: str | None, request_id: str, now: datetime
) -> CodeCheck:
    """Judge a typed code against every code issued for one request. Does not mutate.

    Looking at the older codes too lets the portal say « ce code a été remplacé » instead of
    a bare « code incorrect » when the trainee types the code of a message read earlier.
    """
    code = normalize(typed)
    if code is None:
        return CodeCheck.MALFORMED
    for challenge in challenges:
        if not hmac.compare_digest(challenge.code_hash, hash_code(code, challenge.request_id)):
            continue
        if challenge.request_id != request_id:
            return CodeCheck.OTHER_REQUEST
        if challenge.used_at is not None:
            return CodeCheck.USED
        if challenge.voided_at is not None:
            return CodeCheck.VOIDED
        if now >= challenge.expires_at:
            return CodeCheck.EXPIRED
        return CodeCheck.OK
    return CodeCheck.WRONG
