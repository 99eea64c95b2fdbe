"""Creating, finding and resetting sandboxes."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain.personas import generate
from ..store import Account, Sandbox
from . import passwords, state


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def create(
    db: Session, now: datetime, seed: int | None = None, hash_method: str = "scrypt", **extra
) -> Sandbox:
    seed = new_seed() if seed is None else seed
    sandbox = Sandbox(
        id=secrets.token_hex(16),
        seed=seed,
        created_at=now,
        last_seen_at=now,  # seen as it opens: its first page writes nothing
        faults={},
        settings={},
        **extra,
    )
    _add_accounts(sandbox, now, hash_method)
    db.add(sandbox)
    db.flush()
    return sandbox


def _add_accounts(sandbox: Sandbox, now: datetime, hash_method: str) -> None:
    persona = generate(sandbox.seed)
    for portal, creds in persona.accounts.items():
        sandbox.accounts.append(
            Account(
                portal=portal,
                username=creds.username,
                password_hash=passwords.hash_generated(
                    creds.password
                ),  # generated: HMAC, not scrypt
                email=persona.email,
                display_name=persona.full_name,
                created_at=now,
                state={},
            )
        )


def get(db: Session, sandbox_id: str | None) -> Sandbox | None:
    if not sandbox_id or not isinstance(sandbox_id, str) or len(sandbox_id) != 32:
        return None
    return db.get(Sandbox, sandbox_id)


SEEN_EVERY = timedelta(hours=1)  # one write an hour per sandbox at most, not one a request


def seen(sandbox: Sandbox, now: datetime) -> None:
    """Note activity (to the hour) so idle sandboxes can be purged."""
    if sandbox.last_seen_at is None or now - sandbox.last_seen_at > SEEN_EVERY:
        sandbox.last_seen_at = now


def purge_idle(
    db: Session, now: datetime, idle_for: timedelta, *, outside_classes: bool = False
) -> int:
    """Delete the sandboxes nobody opened for ``idle_for`` (cascades take their rows, the
    training records included); ``outside_classes``: only those of no class."""
    idle = select(Sandbox.id).where(
        func.coalesce(Sandbox.last_seen_at, Sandbox.created_at) < now - idle_for
    )
    if outside_classes:
        idle = idle.where(Sandbox.classroom_id.is_(None))
    return delete_all(db, list(db.scalars(idle)))


def delete_all(db: Session, ids: list[str]) -> int:
    """Delete sandboxes by identifier; the database's ON DELETE CASCADE takes every row they
    own (accounts, mails, factors, sessions…) without loading them."""
    for start in range(0, len(ids), 500):
        db.execute(delete(Sandbox).where(Sandbox.id.in_(ids[start : start + 500])))
    db.flush()
    return len(ids)


def count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Sandbox)) or 0


def find_by_passcode(db: Session, passcode: str) -> Sandbox | None:
    return db.scalars(select(Sandbox).where(Sandbox.passcode == passcode)).first()


def reset(db: Session, sandbox: Sandbox, now: datetime, hash_method: str = "scrypt") -> Sandbox:
    """« Recommencer »: same person, same seed, everything else as new.

    The sandbox keeps its identifier (and its place in a class); its accounts, messages,
    factors and sessions are deleted through the cascades and rebuilt.
    """
    from ..store import (
        AuthenticatorEntry,
        FilterRule,
        LureDrill,
        Message,
        PortalSession,
        PortalSetting,
    )

    for model in (LureDrill, Message, FilterRule, AuthenticatorEntry, PortalSession, PortalSetting):
        for row in db.scalars(select(model).where(model.sandbox_id == sandbox.id)):
            db.delete(row)
    sandbox.accounts.clear()
    db.flush()
    sandbox.clock_offset_seconds = 0
    sandbox.faults = {}
    # The guided walkthrough stays chosen, from its first step; every other setting is reset.
    state.save_sandbox_settings(sandbox, state.SandboxSettings())
    sandbox.guided_index = 0
    sandbox.rng_counter = 0
    _add_accounts(sandbox, now, hash_method)
    db.flush()
    return sandbox
