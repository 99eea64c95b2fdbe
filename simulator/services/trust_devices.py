"""Trusted workstations of one account: install, check, forget."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..domain import trust
from ..store import Account, TrustedDevice
from .context import SandboxContext


def install(
    ctx: SandboxContext,
    account: Account,
    codec: trust.TrustCodec,
    user_agent: str,
    lifetime: timedelta = trust.PIGP_TRUST_LIFETIME,
) -> tuple[TrustedDevice, str]:
    """Create the server record; return it with the signed value for the cookie."""
    new = trust.new_trust(ctx.rng(), ctx.now(), lifetime)
    record = TrustedDevice(
        account_id=account.id,
        token_hash=new.token_hash,
        created_at=new.created_at,
        expires_at=new.expires_at,
        user_agent=(user_agent or "")[:200],
    )
    ctx.db.add(record)
    ctx.db.flush()
    return record, codec.dumps(record.id, new.token)


def check(
    ctx: SandboxContext, account: Account, codec: trust.TrustCodec, cookie_value: str | None
) -> tuple[trust.TrustCheck, TrustedDevice | None]:
    if not cookie_value:
        return trust.TrustCheck.ABSENT, None
    decoded = codec.loads(cookie_value)
    if decoded is None:
        return trust.TrustCheck.TAMPERED, None
    record_id, token = decoded
    record = _record_in_sandbox(ctx, record_id)
    verdict = trust.judge(record, token, account.id, ctx.now())
    return verdict, record


def read(
    ctx: SandboxContext, codec: trust.TrustCodec, cookie_value: str | None
) -> TrustedDevice | None:
    """The record a cookie names, whatever its state (for the demonstration page)."""
    decoded = codec.loads(cookie_value)
    return _record_in_sandbox(ctx, decoded[0]) if decoded else None


def _record_in_sandbox(ctx: SandboxContext, record_id: int) -> TrustedDevice | None:
    record = ctx.db.get(TrustedDevice, record_id)
    if record is None:
        return None
    owner = ctx.db.get(Account, record.account_id)
    return record if owner is not None and owner.sandbox_id == ctx.sandbox.id else None


def forget(ctx: SandboxContext, record: TrustedDevice) -> None:
    if record.revoked_at is None:
        record.revoked_at = ctx.now()
        record.revoked_because = "forgotten"


def revoke_all(ctx: SandboxContext, account: Account) -> None:
    """A password or 2FA reset: no workstation stays trusted (SECURITY.md, trust cookie)."""
    for record in of_account(ctx, account):
        if record.revoked_at is None:
            record.revoked_at = ctx.now()
            record.revoked_because = trust.RESET


def of_account(ctx: SandboxContext, account: Account) -> list[TrustedDevice]:
    return list(
        ctx.db.scalars(
            select(TrustedDevice)
            .where(TrustedDevice.account_id == account.id)
            .order_by(TrustedDevice.id.desc())
        )
    )
