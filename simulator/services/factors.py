"""Authenticator factors and recovery codes, with replay and lockout applied once.

Enrolment keeps the new secret out of the account until a code proves the app has it:
the portal holds the pending secret in its session and calls ``confirm_totp``.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from ..domain import mistakes, recovery, registry, totp
from ..store import Account, Factor, RecoveryCode
from . import lockouts, messages, records, trust_devices
from .context import SandboxContext
from .verdicts import Verdict


def active(account: Account, kind: str, name: str | None = None) -> Factor | None:
    for factor in account.factors:
        if factor.kind == kind and (name is None or factor.name == name):
            return factor
    return None


def new_pending_secret(ctx: SandboxContext) -> str:
    return totp.new_secret(ctx.rng())


def _judge(
    ctx: SandboxContext, account: Account, secret: str, typed: str | None, last_step: int | None
):
    locked = lockouts.locked_until(ctx, account, lockouts.SECOND_FACTOR)
    if locked:
        return Verdict(False, "locked", locked_until=locked), None
    result = totp.verify(secret, typed, ctx.wall_now(), last_step)
    if result.outcome is totp.TotpCheck.MALFORMED:
        return Verdict(False, "malformed"), None
    if result.outcome is totp.TotpCheck.OK:
        lockouts.clear(ctx, account, lockouts.SECOND_FACTOR)
        return Verdict(True, "ok"), result.step
    lock, left = lockouts.record_failure(ctx, account, lockouts.SECOND_FACTOR)
    outcome = "replay" if result.outcome is totp.TotpCheck.REPLAY else "totp_wrong"
    return Verdict(False, outcome, locked_until=lock, attempts_left=None if lock else left), None


def confirm_totp(
    ctx: SandboxContext, account: Account, secret: str, typed: str | None, *, name: str, portal: str
) -> tuple[Verdict, Factor | None]:
    """Check the first code of a pending secret; on success the factor exists, and not before."""
    verdict, step = _judge(ctx, account, secret, typed, None)
    records.attempt(ctx, portal, records.ENROLMENT_STEP, mistakes.classify(verdict.outcome))
    if not verdict.ok:
        return verdict, None
    for old in [f for f in account.factors if f.kind == "totp" and f.name == name]:
        account.factors.remove(old)
    factor = Factor(kind="totp", name=name, secret=secret, created_at=ctx.now(), last_step=step)
    _attach(
        ctx,
        account,
        factor,
        portal,
        "Une application d'authentification a été associée à votre compte.",
    )
    return verdict, factor


def add_phone(
    ctx: SandboxContext, account: Account, e164: str, *, portal: str, notice: str
) -> Factor:
    """A mobile number confirmed by its SMS code becomes the account's SMS factor."""
    return _attach(
        ctx,
        account,
        Factor(kind="sms", name="Téléphone portable", phone=e164, created_at=ctx.now()),
        portal,
        notice,
    )


def add_email(ctx: SandboxContext, account: Account, *, portal: str, notice: str) -> Factor:
    """The account's address confirmed by the code sent to it becomes its e-mail factor (the
    address stays the account's own: the factor says it was proved, and when)."""
    return _attach(
        ctx,
        account,
        Factor(kind="email", name="Adresse électronique", created_at=ctx.now()),
        portal,
        notice,
    )


def share_totp(
    ctx: SandboxContext, account: Account, source: Factor, *, name: str, portal: str, notice: str
) -> Factor:
    """A second method that reads the same app as ``source`` (Cerbère's OTP Mél, from the BNUM)."""
    factor = Factor(
        kind="totp",
        name=name,
        secret=source.secret,
        created_at=ctx.now(),
        last_step=source.last_step,
    )
    return _attach(ctx, account, factor, portal, notice)


def _attach(
    ctx: SandboxContext, account: Account, factor: Factor, portal: str, notice: str
) -> Factor:
    account.factors.append(factor)
    ctx.db.flush()
    notify_factor_change(ctx, account, portal, notice)
    return factor


def verify_totp(
    ctx: SandboxContext, account: Account, factor: Factor, typed: str | None
) -> Verdict:
    verdict, step = _judge(ctx, account, factor.secret, typed, factor.last_step)
    if verdict.ok:
        factor.last_step = step
    return verdict


def remove(
    ctx: SandboxContext, account: Account, factor: Factor, *, portal: str, notice: str
) -> None:
    account.factors.remove(factor)
    ctx.db.flush()
    notify_factor_change(ctx, account, portal, notice)


def reset_second_factor(ctx: SandboxContext, account: Account, *, portal: str) -> None:
    """An administrator's reset: factors, recovery codes and trusted workstations all go."""
    account.factors.clear()
    ctx.db.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    account.credentials_reset_at = ctx.now()
    trust_devices.revoke_all(ctx, account)
    ctx.db.flush()
    notify_factor_change(
        ctx,
        account,
        portal,
        "L'authentification à deux facteurs de votre compte a été réinitialisée.",
    )


def issue_recovery_codes(ctx: SandboxContext, account: Account) -> list[str]:
    """Ten new codes; the previous set stops working at once."""
    ctx.db.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    codes = recovery.generate(ctx.rng())
    for code in codes:
        ctx.db.add(
            RecoveryCode(
                account_id=account.id, code_hash=recovery.hash_code(code), created_at=ctx.now()
            )
        )
    ctx.db.flush()
    return codes


def recovery_codes_left(ctx: SandboxContext, account: Account) -> int:
    return len(
        list(
            ctx.db.scalars(
                select(RecoveryCode.id).where(
                    RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None)
                )
            )
        )
    )


def use_recovery_code(
    ctx: SandboxContext, account: Account, typed: str | None, *, portal: str
) -> Verdict:
    locked = lockouts.locked_until(ctx, account, lockouts.SECOND_FACTOR)
    if locked:
        return Verdict(False, "locked", locked_until=locked)
    records = ctx.db.scalars(select(RecoveryCode).where(RecoveryCode.account_id == account.id))
    match = recovery.find_unused(records, typed)
    if match is None:
        lock, left = lockouts.record_failure(ctx, account, lockouts.SECOND_FACTOR)
        return Verdict(
            False, "recovery_wrong", locked_until=lock, attempts_left=None if lock else left
        )
    match.used_at = ctx.now()
    lockouts.clear(ctx, account, lockouts.SECOND_FACTOR)
    left = recovery_codes_left(ctx, account)
    notify_factor_change(
        ctx,
        account,
        portal,
        f"Un code de récupération vient d'être utilisé. Il vous en reste {left}.",
    )
    return Verdict(True, "ok")


def notify_factor_change(ctx: SandboxContext, account: Account, portal: str, what: str) -> None:
    """ASVS 2.5.5: every change of factor is told to the account's owner."""
    sender, name = registry.mail_sender(portal)
    messages.deliver_mail(
        ctx,
        sender=sender,
        recipient=account.email,
        subject=f"{name} : sécurité de votre compte",
        body=(
            f"Bonjour {account.display_name},\n\n{what}\n\n"
            "Si vous n'êtes pas à l'origine de cette action, contactez votre assistance.\n\n"
            "(Message du simulateur de formation — aucune donnée réelle.)"
        ),
        portal=portal,
        kind="security_notice",
    )
