"""Authenticator-app secrets: creation, otpauth URIs, verification without replay.

Only SHA1, 6 digits and 30 seconds: the parameters every phone app honours, so the QR codes
of the sandbox also work in Google Authenticator or FreeOTP on a trainee's real phone.
Codes are checked against wall time (what phones know), never against the sandbox clock.
"""

from __future__ import annotations

import base64
import enum
import re
from dataclasses import dataclass
from datetime import datetime
from random import Random
from urllib.parse import parse_qs, unquote, urlparse

import pyotp

from .codes import normalize

SECRET_BYTES = 20  # 160 bits, 32 Base32 characters
MIN_SECRET_BYTES = 14  # 112 bits: pyotp (≥ 2.12, after NIST 800-63B-4) refuses shorter keys
INTERVAL = 30
DIGITS = 6
VALID_WINDOW = 1  # the previous and the next step are accepted, not two steps away
SANDBOX_ISSUER_SUFFIX = " (simulation)"


class TotpCheck(enum.Enum):
    OK = "ok"
    MALFORMED = "malformed"
    WRONG = "wrong"
    REPLAY = "replay"


@dataclass(frozen=True)
class TotpResult:
    outcome: TotpCheck
    step: int | None = None


def new_secret(rng: Random) -> str:
    raw = bytes(rng.randrange(256) for _ in range(SECRET_BYTES))
    return base64.b32encode(raw).decode("ascii")


def group_secret(secret: str) -> str:
    """« ABCD EFGH … », easier to type by hand when the QR code cannot be scanned."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def sandbox_issuer(portal_name: str) -> str:
    """Issuers always say they are the simulation, never a real agency alone."""
    return portal_name + SANDBOX_ISSUER_SUFFIX


def provisioning_uri(secret: str, account_name: str, issuer: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL).provisioning_uri(
        name=account_name, issuer_name=issuer
    )


def code_at(secret: str, when: datetime) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL).at(when)


def seconds_left(when: datetime) -> int:
    return INTERVAL - int(when.timestamp()) % INTERVAL


def verify(secret: str, typed: str | None, wall_now: datetime, last_step: int | None) -> TotpResult:
    """Accept the code of the current step ±1, once.

    ``last_step`` is the time step of the last accepted code for this factor; that step and
    any older one are refused, so a code seen over a shoulder cannot be used again.
    """
    code = normalize(typed)
    if code is None:
        return TotpResult(TotpCheck.MALFORMED)
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL)
    try:
        step = totp.verify_and_get_timecode(code, for_time=wall_now, valid_window=VALID_WINDOW)
    except pyotp.exceptions.OTPVerificationError:
        return TotpResult(TotpCheck.WRONG)
    if last_step is not None and step <= last_step:
        return TotpResult(TotpCheck.REPLAY, step)
    return TotpResult(TotpCheck.OK, step)


@dataclass(frozen=True)
class OtpAuthEntry:
    """What an authenticator app keeps after scanning a QR code."""

    issuer: str
    account_name: str
    secret: str


_BASE32 = re.compile(r"[A-Z2-7]+=*")


def clean_secret(typed: str) -> str | None:
    """A secret typed by hand: spaces and case forgiven; None when it is not usable Base32
    or carries fewer than 112 bits."""
    secret = re.sub(r"[\s-]", "", typed or "").upper()
    if not 16 <= len(secret) <= 128 or not _BASE32.fullmatch(secret):
        return None
    try:
        decoded = base64.b32decode(secret + "=" * (-len(secret) % 8))
    except ValueError:
        return None
    if len(decoded) < MIN_SECRET_BYTES:
        return None
    return secret


def parse_uri(uri: str) -> OtpAuthEntry:
    """Read an ``otpauth://totp/`` URI as a phone app would; ValueError in French otherwise."""
    if not uri or len(uri) > 2048:
        raise ValueError("Ce contenu n'est pas un code QR d'authentification.")
    parts = urlparse(uri.strip())
    if parts.scheme != "otpauth" or parts.netloc != "totp":
        raise ValueError("Ce contenu n'est pas un code QR d'authentification (otpauth://totp/…).")
    query = parse_qs(parts.query)
    secret = clean_secret((query.get("secret") or [""])[0])
    if secret is None:
        raise ValueError("La clé secrète de ce code QR est illisible.")
    for key, expected in (
        ("digits", str(DIGITS)),
        ("period", str(INTERVAL)),
        ("algorithm", "SHA1"),
    ):
        if key in query and query[key][0].upper() != expected:
            raise ValueError("Ce code QR utilise des paramètres que l'application ne gère pas.")
    label = unquote(parts.path.lstrip("/"))
    issuer_in_label, _, account = label.rpartition(":")
    issuer = (query.get("issuer") or [issuer_in_label])[0] or issuer_in_label
    return OtpAuthEntry(
        issuer=issuer.strip(), account_name=(account or label).strip(), secret=secret
    )
