"""The instructor's password: from SIM_INSTRUCTOR_PASSWORD, or generated once per installation.

The login has the trainees' lockout (5 failures in 15 minutes lock it for 15 minutes), counted
in the database on wall time so every worker and host shares it. A login is a server-side
row (``InstructorSession``) that the signed cookie only names: logout ends the row, so a
cookie saved before logout no longer opens anything. Every page of the area checks it.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app, g, redirect, request, session, url_for

from ..services import instructor_sessions
from ..store import InstructorSession

SESSION_KEY = "instructor"
SESSION_LIFETIME = timedelta(hours=12)  # a training day, then the password again


def instance_password(instance: Path) -> tuple[str, bool]:
    """The stored password, and whether it was just generated (so start-up prints it)."""
    path = instance / "instructor_password"
    if path.exists():
        return path.read_text().strip(), False
    instance.mkdir(parents=True, exist_ok=True)
    password = "-".join(secrets.token_hex(2) for _ in range(4))
    path.write_text(password)
    path.chmod(0o600)
    return password, True


def check(typed: str | None) -> bool:
    expected = current_app.config.get("INSTRUCTOR_PASSWORD")
    return bool(expected and typed) and hmac.compare_digest(typed.encode(), expected.encode())


def _now() -> datetime:
    return current_app.extensions["sim.wall_clock"].now()


def attempt(typed: str | None) -> tuple[bool, datetime | None]:
    """Check the password under the lockout: (accepted, locked until)."""
    now = _now()
    locked = instructor_sessions.locked_until(g.db, now)
    if locked:
        return False, locked
    if check(typed):
        instructor_sessions.forget_failures(g.db)
        return True, None
    return False, instructor_sessions.record_failure(g.db, now)


def open_session() -> None:
    row = instructor_sessions.start(g.db, _now(), SESSION_LIFETIME)
    session[SESSION_KEY] = row.id


def end_session() -> None:
    row = _current()
    if row is not None:
        row.ended_at = _now()
    session.pop(SESSION_KEY, None)


def _current() -> InstructorSession | None:
    sid = session.get(SESSION_KEY)
    if not isinstance(sid, str) or not 20 <= len(sid) <= 64:
        return None
    return instructor_sessions.live(g.db, sid, _now())


def is_instructor() -> bool:
    return _current() is not None


def required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not is_instructor():
            return redirect(url_for("instructor.login", next=request.path))
        return view(*args, **kwargs)

    return wrapper
