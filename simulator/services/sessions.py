"""Portal sessions kept on the server: when one is still valid, and ending them together.

The browser side (cookies, flow steps) is in ``web/portal_session.py``; the rules on the
rows are here once, so the Cerbère ticket check and every portal's cookie agree.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update

from ..store import Account, PortalSession
from .context import SandboxContext

EVERY_PORTAL = None  # the scope of an administrator's reset: every browser, on every portal


def is_live(ctx: SandboxContext, row: PortalSession | None, portal: str) -> bool:
    """The row belongs to this sandbox and portal, was not ended, and has not expired."""
    return (
        row is not None
        and row.sandbox_id == ctx.sandbox.id
        and row.portal == portal
        and row.ended_at is None
        and ctx.now() < row.expires_at
    )


def find_live(ctx: SandboxContext, session_id, portal: str) -> PortalSession | None:
    row = ctx.db.get(PortalSession, session_id) if isinstance(session_id, str) else None
    return row if is_live(ctx, row, portal) else None


def end_all(ctx: SandboxContext, account: Account, scope: str | None) -> None:
    """End every open session of ``account``: on the portal ``scope``, or everywhere (None).

    After a password change or a second-factor reset, every browser that stayed connected
    must log in again.
    """
    where = [PortalSession.account_id == account.id, PortalSession.ended_at.is_(None)]
    if scope is not EVERY_PORTAL:
        where.append(PortalSession.portal == scope)
    ctx.db.execute(update(PortalSession).where(*where).values(ended_at=ctx.now()))


def account_of(ctx: SandboxContext, row: PortalSession | None) -> Account | None:
    """The account a session (or a flow under way) belongs to, in this sandbox only."""
    if row is None or row.account_id is None:
        return None
    account = ctx.db.get(Account, row.account_id)
    return account if account is not None and account.sandbox_id == ctx.sandbox.id else None


def account_in_sandbox(ctx: SandboxContext, account_id: int, portal: str) -> Account | None:
    """An account of this sandbox on ``portal``; None for anything else (another sandbox's)."""
    account = ctx.db.get(Account, account_id)
    if account is None or account.sandbox_id != ctx.sandbox.id or account.portal != portal:
        return None
    return account


def end_where(ctx: SandboxContext, portal: str, opened_by) -> int:
    """End this sandbox's open sessions on ``portal`` that ``opened_by`` picks (the PIAG
    sessions a Cerbère session opened); how many ended."""
    rows = ctx.db.scalars(
        select(PortalSession).where(
            PortalSession.sandbox_id == ctx.sandbox.id,
            PortalSession.portal == portal,
            PortalSession.ended_at.is_(None),
        )
    )
    ended = 0
    for row in rows:
        if opened_by(row):
            row.ended_at = ctx.now()
            ended += 1
    return ended


def create(
    ctx: SandboxContext,
    portal: str,
    account: Account | None,
    *,
    authenticated: bool,
    persistent: bool,
    lifetime: timedelta,
    data: dict,
) -> PortalSession:
    """A new row under a new random identifier (a login never reuses the previous one)."""
    now = ctx.now()
    row = PortalSession(
        id=secrets.token_urlsafe(32),
        sandbox_id=ctx.sandbox.id,
        portal=portal,
        account_id=account.id if account else None,
        authenticated=authenticated,
        persistent=persistent,
        created_at=now,
        expires_at=now + lifetime,
        data=data,
    )
    ctx.db.add(row)
    ctx.db.flush()
    return row
