"""The instructor's login rows: failures under the trainees' lockout, and sessions that end
on the server. ``instructor/auth.py`` keeps the password and the cookie; the rows are here."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain import lockout
from ..store import InstructorFailure, InstructorSession


def _failures(db: Session, now: datetime) -> list[datetime]:
    since = now - timedelta(hours=1)
    return list(db.scalars(select(InstructorFailure.at).where(InstructorFailure.at > since)))


def locked_until(db: Session, now: datetime) -> datetime | None:
    return lockout.locked_until(_failures(db, now), now)


def forget_failures(db: Session) -> None:
    db.execute(delete(InstructorFailure))


def record_failure(db: Session, now: datetime) -> datetime | None:
    """One more refused password; the end of the lockout it starts, if any."""
    db.add(InstructorFailure(at=now))
    db.flush()
    return locked_until(db, now)


def start(db: Session, now: datetime, lifetime: timedelta) -> InstructorSession:
    row = InstructorSession(id=secrets.token_urlsafe(32), created_at=now, expires_at=now + lifetime)
    db.add(row)
    return row


def live(db: Session, session_id: str, now: datetime) -> InstructorSession | None:
    row = db.get(InstructorSession, session_id)
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    return row
