"""Mails and SMS into the sandbox's own mailbox and phone, through the outbox's rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..domain import outbox
from ..domain.faults import Faults
from ..store import FilterRule, Message
from .context import SandboxContext


def deliver_mail(
    ctx: SandboxContext,
    *,
    sender: str,
    recipient: str,
    subject: str,
    body: str,
    portal: str,
    kind: str,
    at: datetime | None = None,
) -> Message:
    """``at``: a drill's lure, delivered at the chosen moment (``outbox.at_moment``)."""
    rules = [outbox.Rule(r.sender_contains, r.folder) for r in filter_rules(ctx)]
    now = ctx.now()
    faults = ctx.faults if at is None else Faults()
    plan = outbox.plan_mail(sender, recipient, ctx.persona.email, now, rules, faults)
    if at is not None:
        plan = outbox.at_moment(plan, at)
    return _store(ctx, "mail", portal, kind, sender, recipient, subject, body, now, plan)


def deliver_sms(
    ctx: SandboxContext,
    *,
    sender: str,
    phone: str,
    body: str,
    portal: str,
    kind: str,
    at: datetime | None = None,
) -> Message:
    now = ctx.now()
    plan = outbox.plan_sms(now, ctx.faults, ctx.rng())
    if at is not None:
        plan = outbox.at_moment(plan, at)
    if phone != ctx.persona.mobile:
        plan = outbox.Delivery(
            outbox.LOST, now, ("numéro qui n'est pas celui du téléphone du bac à sable",)
        )
    return _store(ctx, "sms", portal, kind, sender, phone, "", body, now, plan)


def _store(ctx, channel, portal, kind, sender, recipient, subject, body, now, plan) -> Message:
    message = Message(
        sandbox_id=ctx.sandbox.id,
        channel=channel,
        portal=portal,
        kind=kind,
        sender=sender,
        recipient=recipient,
        subject=subject,
        body=body,
        created_at=now,
        deliver_at=plan.deliver_at,
        folder=plan.folder,
    )
    ctx.db.add(message)
    ctx.db.flush()
    return message


def _delivered(ctx: SandboxContext, channel: str):
    return select(Message).where(
        Message.sandbox_id == ctx.sandbox.id,
        Message.channel == channel,
        Message.deliver_at <= ctx.now(),
        Message.folder != outbox.LOST,
        Message.deleted_at.is_(None),
    )


def delivered(ctx: SandboxContext, channel: str, folder: str | None = None) -> list[Message]:
    query = _delivered(ctx, channel)
    if folder:
        query = query.where(Message.folder == folder)
    return list(ctx.db.scalars(query.order_by(Message.deliver_at.desc(), Message.id.desc())))


PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    """One page of a list, newest first: 1,000 messages cost what 50 do (one count, one page)."""

    items: list[Message]
    number: int  # 1-based, always an existing page (1 when the list is empty)
    count: int  # how many pages
    total: int  # how many messages


def delivered_page(
    ctx: SandboxContext,
    channel: str,
    folder: str | None = None,
    number: int = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """Page ``number`` of the delivered messages, or the nearest page that exists."""
    query = _delivered(ctx, channel)
    if folder:
        query = query.where(Message.folder == folder)
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    count = max(1, -(-total // per_page))
    number = min(max(number, 1), count)
    items = ctx.db.scalars(
        query.order_by(Message.deliver_at.desc(), Message.id.desc())
        .limit(per_page)
        .offset((number - 1) * per_page)
    )
    return Page(list(items), number, count, total)


def unread_count(ctx: SandboxContext, channel: str, folder: str | None = None) -> int:
    query = _delivered(ctx, channel).where(Message.read_at.is_(None))
    if folder:
        query = query.where(Message.folder == folder)
    return ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0


def unread_by_channel(ctx: SandboxContext) -> dict[str, int]:
    """The sandbox bar's badges (mail and SMS) in one statement, no subquery: every page of a
    sandbox shows them, and two counted subqueries were a tenth of a page's cost (issue 28)."""
    rows = ctx.db.execute(
        select(Message.channel, func.count())
        .where(
            Message.sandbox_id == ctx.sandbox.id,
            Message.deliver_at <= ctx.now(),
            Message.folder != outbox.LOST,
            Message.read_at.is_(None),
        )
        .group_by(Message.channel)
    )
    return {channel: number for channel, number in rows}


def pending_count(ctx: SandboxContext, channel: str) -> int:
    """Messages on their way (delivery time not reached): the sandbox says « en route »."""
    query = select(func.count()).where(
        Message.sandbox_id == ctx.sandbox.id,
        Message.channel == channel,
        Message.deliver_at > ctx.now(),
        Message.folder != outbox.LOST,
    )
    return ctx.db.scalar(query) or 0


def get_delivered(ctx: SandboxContext, channel: str, message_id: int) -> Message | None:
    return ctx.db.scalars(_delivered(ctx, channel).where(Message.id == message_id)).first()


def filter_rules(ctx: SandboxContext) -> list[FilterRule]:
    """The mailbox's rules, oldest first (the order they apply in)."""
    return list(
        ctx.db.scalars(
            select(FilterRule)
            .where(FilterRule.sandbox_id == ctx.sandbox.id)
            .order_by(FilterRule.id)
        )
    )


def add_filter_rule(ctx: SandboxContext, sender_contains: str, folder: str) -> FilterRule:
    rule = FilterRule(
        sandbox_id=ctx.sandbox.id,
        sender_contains=sender_contains,
        folder=folder,
        created_at=ctx.now(),
    )
    ctx.db.add(rule)
    return rule


def remove_filter_rule(ctx: SandboxContext, rule_id: int) -> bool:
    """False when no such rule is in this sandbox's mailbox."""
    rule = ctx.db.get(FilterRule, rule_id)
    if rule is None or rule.sandbox_id != ctx.sandbox.id:
        return False
    ctx.db.delete(rule)
    return True
