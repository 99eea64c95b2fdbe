"""Portal sessions kept on the server: when one is still valid, ending them together, and
the typed state each flow keeps in them.

The browser side (cookies, flow steps) is in ``web/portal_session.py``; the rules on the
rows are here once, so the Cerbère ticket check and every portal's cookie agree.

A row's ``data`` (JSON) holds the state of the flows under way in that browser: this module
is the only code that reads or writes it, through the pydantic model of the flow that owns
the keys (declared next to that flow: a portal's package, or ``web/`` for a shared step).
``state`` reads a model, ``change`` and ``forget`` write through it, so a misspelt key or a
wrong value fails here instead of being stored.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select, update

from ..store import Account, PortalSession
from .context import SandboxContext

EVERY_PORTAL = None  # the scope of an administrator's reset: every browser, on every portal


class SessionState(BaseModel):
    """The base of every flow's state kept in a portal session.

    ``extra="forbid"``: a key the model does not declare (a misspelt one) fails where the
    state is made or changed, instead of being stored or silently dropped. One row holds the
    states of several steps side by side (Karbon's access flow and the enrolment step's
    pending secret, the BNUM's notice and that secret), and a row written before a key was
    dropped may still hold it: so each model is handed only the keys it declares (``_own``),
    and ``change`` rewrites only the keys it is given, leaving the others' keys as they are.
    """

    model_config = ConfigDict(extra="forbid")


State = TypeVar("State", bound=SessionState)


def _own(model: type[SessionState], data: dict | None) -> dict:
    return {k: v for k, v in (data or {}).items() if k in model.model_fields}


def state(row: PortalSession, model: type[State]) -> State:
    """The row's state as ``model`` reads it (absent keys take the model's defaults)."""
    return model.model_validate(_own(model, row.data))


def new(model: type[State], **values: Any) -> State:
    """A state to start a row with (a key ``model`` does not declare is refused)."""
    return model(**values)


def stored(initial: SessionState | None) -> dict:
    """What a new row stores: the keys the flow gave, no defaults it did not."""
    return initial.model_dump(mode="json", exclude_unset=True) if initial is not None else {}


def change(row: PortalSession, model: type[State], **changes: Any) -> State:
    """Set the keys ``changes`` names, validated by ``model``; every other key is kept.
    Nothing is written when a key is not declared or a value is wrong (ValidationError)."""
    updated = model.model_validate({**_own(model, row.data), **changes})
    written = updated.model_dump(mode="json", include=set(changes))
    row.data = {**(row.data or {}), **written}
    return updated


def forget(row: PortalSession, model: type[State], *names: str) -> State:
    """Remove the keys ``names`` (declared by ``model``) from the row: back to the defaults."""
    undeclared = set(names) - set(model.model_fields)
    if undeclared:
        raise TypeError(f"{model.__name__} declares no {', '.join(sorted(undeclared))}")
    row.data = {k: v for k, v in (row.data or {}).items() if k not in names}
    return state(row, model)


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
    initial: SessionState | None = None,
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
        data=stored(initial),
    )
    ctx.db.add(row)
    ctx.db.flush()
    return row
