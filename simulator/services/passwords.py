"""Checking and changing passwords, under the same lockout as codes.

Two kinds of stored password. The generated training passwords (random, shown on the
sandbox's home page anyway) are checked with HMAC-SHA-256 keyed by the server's secret: a
slow hash would protect nothing and five scrypt runs per new sandbox were most of a class's
start-up time. A password the trainee chooses (Karbon activation, OneGov reset, PIXT, EU
Login) may be a real one typed despite the banner: it gets scrypt.

The answer never tells whether an identifier exists: an unknown identifier gets the same
message, status and lockout as a wrong password, and costs the same (a decoy checked
exactly like a default account's password).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain import lockout, mistakes
from ..store import Account, UnknownLoginFailure
from . import lockouts, records, trust_devices
from .context import SandboxContext
from .verdicts import Verdict

MAX_LENGTH = 128  # of a chosen password; the forms refuse a longer one before any hashing
GENERATED = "hmac-sha256$"
# A stored form no password hashes to: checking it costs one HMAC and one comparison,
# exactly what a default account's check costs.
_DECOY = GENERATED + "0" * 64


def _key() -> bytes:
    return str(current_app.config["SECRET_KEY"]).encode()


def hash_generated(password: str) -> str:
    """The stored form of a generated training password: keyed, so the table alone is useless."""
    return GENERATED + hmac.new(_key(), password.encode(), hashlib.sha256).hexdigest()


def verify(stored: str, password: str) -> bool:
    if stored.startswith(GENERATED):
        return hmac.compare_digest(stored, hash_generated(password))
    return check_password_hash(stored, password)


def _identifier(username: str) -> str:
    return (username or "").strip().lower()[:160]


def _unknown_failures(ctx: SandboxContext, portal: str, identifier: str) -> list:
    since = ctx.now() - timedelta(hours=1)
    return list(
        ctx.db.scalars(
            select(UnknownLoginFailure.at).where(
                UnknownLoginFailure.sandbox_id == ctx.sandbox.id,
                UnknownLoginFailure.portal == portal,
                UnknownLoginFailure.identifier == identifier,
                UnknownLoginFailure.at > since,
            )
        )
    )


def _check_unknown(ctx: SandboxContext, portal: str, username: str, password: str) -> Verdict:
    """The path of a real account, step by step: lock check, one decoy check, one failure."""
    identifier = _identifier(username)
    locked = lockout.locked_until(_unknown_failures(ctx, portal, identifier), ctx.now())
    if locked:
        return Verdict(False, "locked", locked_until=locked)
    if password and len(password) <= 200:
        verify(_DECOY, password)
    ctx.db.add(
        UnknownLoginFailure(
            sandbox_id=ctx.sandbox.id, portal=portal, identifier=identifier, at=ctx.now()
        )
    )
    ctx.db.flush()
    lock = lockout.locked_until(_unknown_failures(ctx, portal, identifier), ctx.now())
    return Verdict(False, "locked" if lock else "password", locked_until=lock)


def find_account(ctx: SandboxContext, portal: str, username: str) -> Account | None:
    if not username or len(username) > 160:
        return None
    return ctx.db.scalars(
        select(Account).where(
            Account.sandbox_id == ctx.sandbox.id,
            Account.portal == portal,
            func.lower(Account.username) == username.strip().lower(),
        )
    ).first()


def find_by_email(ctx: SandboxContext, portal: str, email: str) -> Account | None:
    """The account of this sandbox on ``portal`` with this address (OneGov's reset asks
    for the identifier or the address)."""
    if not email or len(email) > 160:
        return None
    return ctx.db.scalars(
        select(Account).where(
            Account.sandbox_id == ctx.sandbox.id,
            Account.portal == portal,
            func.lower(Account.email) == email.strip().lower(),
        )
    ).first()


def check(
    ctx: SandboxContext, portal: str, username: str, password: str
) -> tuple[Account | None, Verdict]:
    """The password step, and its training record (accepted, wrong or locked; never the text)."""
    account, verdict = _check(ctx, portal, username, password)
    records.attempt(ctx, portal, records.PASSWORD_STEP, mistakes.classify(verdict.outcome))
    return account, verdict


def _check(
    ctx: SandboxContext, portal: str, username: str, password: str
) -> tuple[Account | None, Verdict]:
    account = find_account(ctx, portal, username)
    if account is None:
        return None, _check_unknown(ctx, portal, username, password)
    locked = lockouts.locked_until(ctx, account, lockouts.PASSWORD)
    if locked:
        return None, Verdict(False, "locked", locked_until=locked)
    if password and len(password) <= 200 and verify(account.password_hash, password):
        lockouts.clear(ctx, account, lockouts.PASSWORD)
        return account, Verdict(True, "ok")
    lock, _left = lockouts.record_failure(ctx, account, lockouts.PASSWORD)
    return None, Verdict(False, "locked" if lock else "password", locked_until=lock)


def change(ctx: SandboxContext, account: Account, new_password: str, hash_method: str) -> None:
    """A chosen password, hashed with scrypt (``hash_method``); it also voids the trusted
    workstations (they predate the change)."""
    account.password_hash = generate_password_hash(new_password, method=hash_method)
    account.password_changed = True
    account.credentials_reset_at = ctx.now()
    trust_devices.revoke_all(ctx, account)


def strength_problems(password: str, username: str = "") -> list[str]:
    """Minimal rules, stated in French; an empty list means acceptable."""
    problems = []
    if len(password) < 12:
        problems.append("au moins 12 caractères")
    if len(password) > MAX_LENGTH:
        problems.append(f"au plus {MAX_LENGTH} caractères")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        problems.append("des lettres et au moins un chiffre")
    if username and username.lower() in password.lower():
        problems.append("ne pas contenir votre identifiant")
    if any(ord(c) < 32 for c in password):
        problems.append("aucun caractère de contrôle")
    return problems
