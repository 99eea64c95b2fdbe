"""The login history each portal shows (OneGov's recent logins, the trust-cookie page)."""

from __future__ import annotations

from sqlalchemy import select

from ..store import Account, LoginEvent
from .context import SandboxContext


def record(
    ctx: SandboxContext,
    account: Account,
    *,
    success: bool,
    second_factor: str | None,
    reason: str = "",
    user_agent: str = "",
) -> LoginEvent:
    event = LoginEvent(
        account_id=account.id,
        at=ctx.now(),
        success=success,
        second_factor=second_factor,
        reason=reason[:200],
        user_agent=(user_agent or "")[:200],
    )
    ctx.db.add(event)
    ctx.db.flush()
    return event


def recent(ctx: SandboxContext, account: Account, limit: int = 10) -> list[LoginEvent]:
    return list(
        ctx.db.scalars(
            select(LoginEvent)
            .where(LoginEvent.account_id == account.id)
            .order_by(LoginEvent.id.desc())
            .limit(limit)
        )
    )
