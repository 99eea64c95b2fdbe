"""Failures kept per account and step, or per key (a client address, a class group), judged by
the domain's lockout policies."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain import lockout
from ..store import Account, Failure, JoinFailure
from .context import SandboxContext

PASSWORD, SECOND_FACTOR = "password", "second_factor"


def _failure_times(ctx: SandboxContext, account: Account, kind: str) -> list[datetime]:
    since = ctx.now() - timedelta(hours=1)
    return list(
        ctx.db.scalars(
            select(Failure.at).where(
                Failure.account_id == account.id, Failure.kind == kind, Failure.at > since
            )
        )
    )


def locked_until(ctx: SandboxContext, account: Account, kind: str) -> datetime | None:
    return lockout.locked_until(_failure_times(ctx, account, kind), ctx.now())


def record_failure(ctx: SandboxContext, account: Account, kind: str) -> tuple[datetime | None, int]:
    """Store one failure; return the lock it triggers (if any) and the attempts left."""
    ctx.db.add(Failure(account_id=account.id, kind=kind, at=ctx.now()))
    ctx.db.flush()
    times = _failure_times(ctx, account, kind)
    return lockout.locked_until(times, ctx.now()), lockout.failures_left(times, ctx.now())


def clear(ctx: SandboxContext, account: Account, kind: str) -> None:
    """Forget the failures after a success. Most logins have none: looking first keeps such a
    request from taking SQLite's single write lock for a DELETE of nothing, early in the
    request and held until its commit (issue 28)."""
    found = select(Failure.id).where(Failure.account_id == account.id, Failure.kind == kind)
    if ctx.db.scalar(found.limit(1)) is not None:
        ctx.db.execute(
            delete(Failure).where(Failure.account_id == account.id, Failure.kind == kind)
        )


# Keyed failures: no account yet (a class passcode is typed before any sandbox is known) -----


def keyed_locked_until(
    db: Session, scope: str, key: str, now: datetime, policy: lockout.LockoutPolicy
) -> datetime | None:
    since = now - timedelta(hours=1)
    times = db.scalars(
        select(JoinFailure.at).where(
            JoinFailure.scope == scope, JoinFailure.key == key, JoinFailure.at > since
        )
    )
    return lockout.locked_until(list(times), now, policy)


def record_keyed_failure(db: Session, scope: str, key: str, now: datetime) -> None:
    """Store one failure, and forget those older than the longest window (the hour)."""
    db.execute(delete(JoinFailure).where(JoinFailure.at <= now - timedelta(hours=1)))
    db.add(JoinFailure(scope=scope, key=key, at=now))
    db.flush()
