"""Cerbère's service tickets: how the PIAG learns who logged in without seeing Cerbère's cookie.

As in CAS, Cerbère sends the browser back to the service with a random ticket, and the
service hands it back to learn the account. A ticket is single use, lives two minutes of
sandbox time, is bound to one service and one Cerbère session, and is kept hashed in the
account's state: a ticket read later in a URL or a history opens nothing.

The ``service`` (return address) must be one of the services Cerbère knows, given as a
local path: an absolute or foreign URL is refused, so Cerbère is no open redirector.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from ...domain.paths import local_path
from ...services import state
from ...services.context import SandboxContext
from ...store import Account

TICKET_LIFETIME = timedelta(minutes=2)
TICKET_PREFIX = "ST-"
_TICKET = re.compile(r"ST-[0-9a-f]{40}", re.ASCII)
PIAG_SERVICE = "/piag/connexion"
SERVICES = {PIAG_SERVICE: "PIAG"}  # the registry of services allowed to use Cerbère


def clean_service(raw: object) -> str | None:
    """The service address if Cerbère serves it, else None."""
    path = local_path(raw)
    return path if path in SERVICES else None


def _digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode("ascii")).hexdigest()


def issue(ctx: SandboxContext, account: Account, session_id: str, service: str) -> str:
    now = ctx.now().timestamp()
    ticket = TICKET_PREFIX + ctx.token(20)
    tickets = state.account_state(account).tickets
    kept = {k: v for k, v in tickets.items() if v.expires > now}
    kept[_digest(ticket)] = state.Ticket(
        service=service, session=session_id, expires=now + TICKET_LIFETIME.total_seconds()
    )
    state.change_account_state(account, tickets=kept)
    return ticket


def redeem(ctx: SandboxContext, account: Account, ticket: object, service: str) -> str | None:
    """The Cerbère session behind a valid ticket, or None; the ticket is spent either way."""
    if not isinstance(ticket, str) or not _TICKET.fullmatch(ticket):
        return None
    tickets = dict(state.account_state(account).tickets)
    entry = tickets.pop(_digest(ticket), None)
    if entry is None:
        return None
    state.change_account_state(account, tickets=tickets)
    if entry.expires <= ctx.now().timestamp() or entry.service != service:
        return None
    return entry.session
