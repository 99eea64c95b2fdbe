"""Where and when a portal's mail or SMS lands in the sandbox.

The real portals' messages get lost in spam, in a filter rule, at a wrong address on file,
or arrive late (seeds 000 §3 and 004). The outbox decides, for one message, its folder and
delivery time from the trainee's own filter rules and the sandbox's fault switches; the
store then keeps the message until the sandbox clock reaches its delivery time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from .faults import Faults

INBOX, SPAM, LOST = "inbox", "spam", "lost"
FOLDERS_FR = {INBOX: "Boîte de réception", SPAM: "Courrier indésirable"}
SMS_WORST_DELAY = timedelta(minutes=15)  # seed 004: « jusqu'à 15 minutes »
SMS_USUAL_DELAY = timedelta(seconds=5)


@dataclass(frozen=True)
class Rule:
    """« Si l'expéditeur contient … , déplacer vers … »."""

    sender_contains: str
    folder: str


@dataclass(frozen=True)
class Delivery:
    folder: str
    deliver_at: datetime
    reasons: tuple[str, ...] = field(default=())


def plan_mail(
    sender: str,
    recipient: str,
    mailbox_address: str,
    now: datetime,
    rules: Iterable[Rule],
    faults: Faults,
) -> Delivery:
    reasons: list[str] = []
    folder = INBOX
    if recipient.casefold() != mailbox_address.casefold():
        return Delivery(LOST, now, ("adresse de courriel erronée",))
    for rule in rules:
        if rule.sender_contains and rule.sender_contains.casefold() in sender.casefold():
            folder = rule.folder
            reasons.append(f"règle de filtrage « {rule.sender_contains} »")
            break
    if faults.mail_to_spam and folder == INBOX:
        folder = SPAM
        reasons.append("classé comme indésirable")
    delay = timedelta(minutes=max(0, faults.mail_delay_minutes))
    if delay:
        reasons.append(f"retard de {faults.mail_delay_minutes} min")
    return Delivery(folder, now + delay, tuple(reasons))


def plan_sms(now: datetime, faults: Faults, rng: Random) -> Delivery:
    if faults.sms_late:
        minutes = rng.randint(3, int(SMS_WORST_DELAY.total_seconds() // 60))
        return Delivery(
            INBOX, now + timedelta(minutes=minutes), (f"SMS en retard de {minutes} min",)
        )
    return Delivery(INBOX, now + SMS_USUAL_DELAY)


def at_moment(plan: Delivery, at: datetime) -> Delivery:
    """A drill's lure arrives at the moment its sender chose (never before it was sent), in the
    folder the trainee's own rules give it (a rule on « dgfip » catches the lookalike too), with
    none of the sandbox's incidents: a drill is not a delivery fault."""
    if plan.folder == LOST:
        return plan
    return Delivery(plan.folder, at, plan.reasons)


def misspell(address: str) -> str:
    """The « wrong address on file » fault: the domain is one letter off, as a colleague's typo
    would make it. The masked address on the code page shows the domain in full, so a
    trainee who compares it with their own address can spot the mistake."""
    local, _, domain = address.partition("@")
    label, dot, rest = domain.partition(".")
    for i in range(1, len(label)):
        if label[i] == label[i - 1]:
            return f"{local}@{label[:i]}{label[i + 1 :]}{dot}{rest}"
    if len(label) >= 3:
        i = len(label) // 2
        if label[i] != label[i + 1]:
            return f"{local}@{label[:i]}{label[i + 1]}{label[i]}{label[i + 2 :]}{dot}{rest}"
    return f"{local}@x{domain}"


def mask_address(address: str) -> str:
    """« j*******t@collectivite.test »: enough to recognise one's address, not to harvest it."""
    local, _, domain = address.partition("@")
    if len(local) <= 2:
        return f"{local[:1]}*@{domain}"
    return f"{local[0]}{'*' * (len(local) - 2)}{local[-1]}@{domain}"


def mask_phone(e164: str) -> str:
    """« +33 6 ** ** ** 12 »."""
    digits = e164.lstrip("+")
    if digits.startswith("33") and len(digits) == 11:
        return f"+33 {digits[2]} ** ** ** {digits[-2:]}"
    return f"+{digits[:2]} {'*' * max(len(digits) - 4, 0)}{digits[-2:]}"
