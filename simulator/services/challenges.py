"""Codes sent by e-mail or SMS: issued for one request, checked once, under the lockout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update

from ..domain import codes
from ..store import Account, Challenge
from . import lockouts, messages
from .context import SandboxContext
from .verdicts import Verdict

MailBuilder = Callable[[str], tuple[str, str]]  # code -> (subject, body)


def send_by_mail(
    ctx: SandboxContext,
    account: Account,
    request_id: str,
    *,
    purpose: str,
    lifetime: timedelta,
    sender: str,
    recipient: str,
    build: MailBuilder,
    portal: str,
) -> Challenge:
    challenge, code = _issue(ctx, account, request_id, purpose, "mail", recipient, lifetime)
    subject, body = build(code)
    messages.deliver_mail(
        ctx,
        sender=sender,
        recipient=recipient,
        subject=subject,
        body=body,
        portal=portal,
        kind=purpose,
    )
    return challenge


def send_by_sms(
    ctx: SandboxContext,
    account: Account,
    request_id: str,
    *,
    purpose: str,
    lifetime: timedelta,
    sender: str,
    phone: str,
    build: Callable[[str], str],
    portal: str,
) -> Challenge:
    challenge, code = _issue(ctx, account, request_id, purpose, "sms", phone, lifetime)
    messages.deliver_sms(
        ctx, sender=sender, phone=phone, body=build(code), portal=portal, kind=purpose
    )
    return challenge


def _of_request(ctx: SandboxContext, request_id: str):
    """This sandbox's codes for a request: ids come from a seeded source in walkthrough mode,
    so two sandboxes may draw the same one, and must never see each other's codes."""
    mine = select(Account.id).where(Account.sandbox_id == ctx.sandbox.id)
    return (Challenge.request_id == request_id) & Challenge.account_id.in_(mine)


def _issue(
    ctx, account, request_id, purpose, channel, destination, lifetime
) -> tuple[Challenge, str]:
    now = ctx.now()
    ctx.db.execute(
        update(Challenge)
        .where(
            _of_request(ctx, request_id), Challenge.voided_at.is_(None), Challenge.used_at.is_(None)
        )
        .values(voided_at=now)
    )
    issued = codes.issue(ctx.rng(), request_id, now, lifetime)
    challenge = Challenge(
        account_id=account.id,
        request_id=request_id,
        purpose=purpose,
        channel=channel,
        destination=destination,
        code_hash=issued.code_hash,
        created_at=issued.issued_at,
        expires_at=issued.expires_at,
    )
    ctx.db.add(challenge)
    ctx.db.flush()
    return challenge, issued.code


def sent_count(ctx: SandboxContext, request_id: str) -> int:
    return len(list(ctx.db.scalars(select(Challenge.id).where(_of_request(ctx, request_id)))))


def latest(ctx: SandboxContext, request_id: str) -> Challenge | None:
    return ctx.db.scalars(
        select(Challenge).where(_of_request(ctx, request_id)).order_by(Challenge.id.desc())
    ).first()


def verify(ctx: SandboxContext, account: Account, request_id: str, typed: str | None) -> Verdict:
    locked = lockouts.locked_until(ctx, account, lockouts.SECOND_FACTOR)
    if locked:
        return Verdict(False, "locked", locked_until=locked)
    recent = ctx.db.scalars(
        select(Challenge)
        .where(
            Challenge.account_id == account.id, Challenge.created_at > ctx.now() - timedelta(days=1)
        )
        .order_by(Challenge.id.desc())
    )
    outcome = codes.check(recent, typed, request_id, ctx.now())
    if outcome is codes.CodeCheck.MALFORMED:
        return Verdict(False, outcome.value)
    if outcome is codes.CodeCheck.OK:
        challenge = latest(ctx, request_id)
        challenge.used_at = ctx.now()
        lockouts.clear(ctx, account, lockouts.SECOND_FACTOR)
        return Verdict(True, outcome.value)
    lock, left = lockouts.record_failure(ctx, account, lockouts.SECOND_FACTOR)
    return Verdict(False, outcome.value, locked_until=lock, attempts_left=None if lock else left)


def void_request(ctx: SandboxContext, request_id: str) -> None:
    """The request was abandoned (page left, login cancelled): its codes die with it."""
    ctx.db.execute(
        update(Challenge)
        .where(
            _of_request(ctx, request_id), Challenge.voided_at.is_(None), Challenge.used_at.is_(None)
        )
        .values(voided_at=ctx.now())
    )
