"""Trusted workstations: the cookie that spares the second factor for six months.

The cookie holds only a signed pair (record id, random token). The server keeps the record,
bound to one account, with the token hashed; the browser's copy proves nothing alone. A
record stops counting when it expires (sandbox time), is revoked (« Oublier ce poste »), is
presented for another account, or predates a password or 2FA reset of its account.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from itsdangerous import BadSignature, URLSafeSerializer

PIGP_TRUST_LIFETIME = timedelta(days=182)  # seed 000 §2: « qu'après 6 mois »
MAX_TRUST_LIFETIME = timedelta(days=183)


class TrustCheck(enum.Enum):
    OK = "ok"
    ABSENT = "absent"
    TAMPERED = "tampered"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    OTHER_ACCOUNT = "other_account"
    RESET = "reset"


# Why the second factor was asked at a login, in the words of the trust-cookie page.
REASON_FR = {
    TrustCheck.ABSENT: "aucun cookie de confiance sur ce navigateur",
    TrustCheck.TAMPERED: "cookie de confiance altéré, ignoré",
    TrustCheck.UNKNOWN: "cookie de confiance inconnu du serveur",
    TrustCheck.EXPIRED: "cookie de confiance expiré (plus de 6 mois)",
    TrustCheck.REVOKED: "poste oublié à votre demande",
    TrustCheck.OTHER_ACCOUNT: "cookie d'un autre compte, ignoré",
    TrustCheck.RESET: "mot de passe ou 2FA réinitialisés depuis",
}


@dataclass(frozen=True)
class NewTrust:
    token: str
    token_hash: str
    created_at: datetime
    expires_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_trust(rng: Random, now: datetime, lifetime: timedelta = PIGP_TRUST_LIFETIME) -> NewTrust:
    if lifetime > MAX_TRUST_LIFETIME:
        raise ValueError("a trust cookie lives 183 days at most")
    token = f"{rng.getrandbits(128):032x}"
    return NewTrust(token, hash_token(token), now, now + lifetime)


class TrustCodec:
    """Signs and reads the cookie value; a value altered by one character reads as None."""

    def __init__(self, secret_key: str, purpose: str) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt=f"trust:{purpose}")

    def dumps(self, record_id: int, token: str) -> str:
        return self._serializer.dumps([record_id, token])

    def loads(self, value: str | None) -> tuple[int, str] | None:
        if not value or len(value) > 512:
            return None
        try:
            record_id, token = self._serializer.loads(value)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(record_id, int) or not isinstance(token, str):
            return None
        if self.dumps(record_id, token) != value:
            # Base64 leaves spare bits in the signature's last character: a value altered
            # there still verifies. Only the exact value this codec wrote counts.
            return None
        return record_id, token


RESET = "reset"


class TrustRecord:
    account_id: int
    token_hash: str
    expires_at: datetime
    revoked_at: datetime | None
    revoked_because: str | None  # "reset" when a password or 2FA reset voided it


def judge(record: TrustRecord | None, token: str, account_id: int, now: datetime) -> TrustCheck:
    if record is None:
        return TrustCheck.UNKNOWN
    if not hmac.compare_digest(record.token_hash, hash_token(token)):
        return TrustCheck.TAMPERED
    if record.account_id != account_id:
        return TrustCheck.OTHER_ACCOUNT
    if record.revoked_at is not None:
        return TrustCheck.RESET if record.revoked_because == RESET else TrustCheck.REVOKED
    if now >= record.expires_at:
        return TrustCheck.EXPIRED
    return TrustCheck.OK
