"""Phishing drills stored: send a lure into one sandbox, record how the trainee answered.

A lure is delivered like any message, through the outbox (``messages.deliver_*``), into the
sandbox's own mailbox or phone; nothing leaves the simulator. Only facts are kept (opened,
reported, deleted, typed, and when): what a trainee types on a lure page is never passed to
this module, so it cannot be stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import lures
from ..store import LureDrill, Message
from . import messages
from .context import SandboxContext

PAGE_PATH = "/leurre/{id}"  # the sandbox blueprint's route (sandbox/lures.py)
DELAYS_MINUTES = (0, 5, 15, 30)  # the moments a trainer can choose, in sandbox time
SENT_BY = ("exercice", "formateur")


def send(
    ctx: SandboxContext, key: str, *, delay_minutes: int = 0, by: str = "exercice"
) -> LureDrill:
    """Deliver lure ``key`` into this sandbox ``delay_minutes`` from its clock's now."""
    lure = lures.BY_KEY[key]
    at = ctx.now() + timedelta(minutes=max(0, delay_minutes))
    drill = LureDrill(sandbox_id=ctx.sandbox.id, lure=key, sent_by=by, deliver_at=at)
    ctx.db.add(drill)
    ctx.db.flush()
    body = lure.body.format(link=lures.link_line(lure, PAGE_PATH.format(id=drill.id)))
    if lure.channel == "mail":
        message = messages.deliver_mail(
            ctx,
            sender=lure.sender,
            recipient=ctx.persona.email,
            subject=lure.subject,
            body=body,
            portal="leurre",
            kind=key,
            at=at,
        )
    else:
        message = messages.deliver_sms(
            ctx,
            sender=lure.sender,
            phone=ctx.persona.mobile,
            body=body,
            portal="leurre",
            kind=key,
            at=at,
        )
    drill.message_id = message.id
    return drill


def get(ctx: SandboxContext, drill_id: int) -> LureDrill | None:
    """This sandbox's drill, once its message has arrived; another sandbox's is None (404)."""
    drill = ctx.db.get(LureDrill, drill_id)
    if drill is None or drill.sandbox_id != ctx.sandbox.id or drill.deliver_at > ctx.now():
        return None
    return drill


def of_message(ctx: SandboxContext, message: Message) -> LureDrill | None:
    return ctx.db.scalars(
        select(LureDrill).where(
            LureDrill.sandbox_id == ctx.sandbox.id, LureDrill.message_id == message.id
        )
    ).first()


def opened(ctx: SandboxContext, drill: LureDrill) -> None:
    if drill.opened_at is None:
        drill.opened_at = ctx.now()


def end(ctx: SandboxContext, drill: LureDrill, outcome: str) -> None:
    """The first answer ends the drill; a later one (reporting after typing) changes nothing."""
    if outcome not in lures.OUTCOMES_FR:
        raise ValueError(outcome)
    if drill.outcome is None:
        drill.outcome, drill.outcome_at = outcome, ctx.now()


def answer_message(ctx: SandboxContext, message: Message, outcome: str) -> LureDrill | None:
    """« Signaler », « Ce n'est pas moi » or « Supprimer » on a message: a deleted message
    leaves the list; a lure's drill ends. None when the message was a genuine one."""
    if outcome == lures.DELETED:
        message.deleted_at = ctx.now()
    drill = of_message(ctx, message)
    if drill is not None:
        end(ctx, drill, outcome)
    return drill


@dataclass(frozen=True)
class Record:
    """One drill as the trainer's records show it."""

    sandbox_id: str
    lure: str  # its key, for the exercises
    title: str
    sent_by: str
    deliver_at: datetime
    opened: bool
    outcome: str | None
    seconds_to_answer: float | None

    @property
    def outcome_fr(self) -> str:
        return lures.OUTCOMES_FR.get(self.outcome or "", "pas encore de réponse")

    @property
    def credited(self) -> bool:
        return self.outcome in lures.CREDITED

    @property
    def delay_fr(self) -> str:
        if self.seconds_to_answer is None:
            return "—"
        minutes, seconds = divmod(int(self.seconds_to_answer), 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def records(db: Session, sandbox_ids: Iterable[str]) -> list[Record]:
    """Every drill of these sandboxes, oldest first, in one query (a class of 200 included)."""
    query = select(LureDrill).where(LureDrill.sandbox_id.in_(list(sandbox_ids)))
    return [
        Record(
            drill.sandbox_id,
            drill.lure,
            lures.BY_KEY[drill.lure].title if drill.lure in lures.BY_KEY else drill.lure,
            drill.sent_by,
            drill.deliver_at,
            drill.opened_at is not None,
            drill.outcome,
            (drill.outcome_at - drill.deliver_at).total_seconds() if drill.outcome_at else None,
        )
        for drill in db.scalars(query.order_by(LureDrill.deliver_at, LureDrill.id))
    ]


def outcomes_of(
    sandbox_ids: list[str], found: Iterable[Record]
) -> dict[str, set[tuple[str, str | None]]]:
    """(lure, outcome) of each sandbox's drills, what the exercises read, from its records
    (the trainer's class page reads them once for its table and its lures panel)."""
    kept: dict[str, set[tuple[str, str | None]]] = {i: set() for i in sandbox_ids}
    for record in found:
        kept[record.sandbox_id].add((record.lure, record.outcome))
    return kept
