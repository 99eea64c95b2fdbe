"""The sandbox's virtual authenticator app: its accounts, one sandbox's only."""

from __future__ import annotations

from sqlalchemy import delete, select

from ..domain import totp
from ..store import AuthenticatorEntry
from .context import SandboxContext


def entries(ctx: SandboxContext) -> list[AuthenticatorEntry]:
    return list(
        ctx.db.scalars(
            select(AuthenticatorEntry)
            .where(AuthenticatorEntry.sandbox_id == ctx.sandbox.id)
            .order_by(AuthenticatorEntry.id)
        )
    )


def add(ctx: SandboxContext, entry: totp.OtpAuthEntry) -> AuthenticatorEntry | None:
    """The account added; None when the app already has this secret."""
    if any(e.secret == entry.secret for e in entries(ctx)):
        return None
    row = AuthenticatorEntry(
        sandbox_id=ctx.sandbox.id,
        issuer=entry.issuer[:120] or "Sans nom",
        account_name=entry.account_name[:160],
        secret=entry.secret,
        created_at=ctx.now(),
    )
    ctx.db.add(row)
    return row


def remove(ctx: SandboxContext, entry_id: int) -> bool:
    """False when no such account is in this sandbox's app."""
    entry = ctx.db.get(AuthenticatorEntry, entry_id)
    if entry is None or entry.sandbox_id != ctx.sandbox.id:
        return False
    ctx.db.delete(entry)
    return True


def empty(ctx: SandboxContext) -> None:
    """The phone is lost: the app's accounts go with it."""
    ctx.db.execute(
        delete(AuthenticatorEntry).where(AuthenticatorEntry.sandbox_id == ctx.sandbox.id)
    )
