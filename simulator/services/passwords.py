"""Checking and changing passwords, under the same lockout as codes.

The answer never tells whether an identifier exists: an unknown identifier costs the same
hash and gets the same message as a wrong password.
"""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..store import Account
from . import lockouts, trust_devices
from .context import SandboxContext
from .verdicts import Verdict

_DUMMY_HASH = generate_password_hash("un mot de passe qui n'existe pas", method="pbkdf2:sha256:1000")


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


def check(ctx: SandboxContext, portal: str, username: str, password: str) -> tuple[Account | None, Verdict]:
    account = find_account(ctx, portal, username)
    if account is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None, Verdict(False, "password")
    locked = lockouts.locked_until(ctx, account, lockouts.PASSWORD)
    if locked:
        return None, Verdict(False, "locked", locked_until=locked)
    if password and len(password) <= 200 and check_password_hash(account.password_hash, password):
        lockouts.clear(ctx, account, lockouts.PASSWORD)
        return account, Verdict(True, "ok")
    lock, _left = lockouts.record_failure(ctx, account, lockouts.PASSWORD)
    return None, Verdict(False, "locked" if lock else "password", locked_until=lock)


def change(ctx: SandboxContext, account: Account, new_password: str, hash_method: str) -> None:
    """A new password also voids the trusted workstations (they predate the change)."""
    account.password_hash = generate_password_hash(new_password, method=hash_method)
    account.password_changed = True
    account.credentials_reset_at = ctx.now()
    trust_devices.revoke_all(ctx, account)


def strength_problems(password: str, username: str = "") -> list[str]:
    """Minimal rules, stated in French; an empty list means acceptable."""
    problems = []
    if len(password) < 12:
        problems.append("au moins 12 caractères")
    if len(password) > 128:
        problems.append("au plus 128 caractères")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        problems.append("des lettres et au moins un chiffre")
    if username and username.lower() in password.lower():
        problems.append("ne pas contenir votre identifiant")
    if any(ord(c) < 32 for c in password):
        problems.append("aucun caractère de contrôle")
    return problems
