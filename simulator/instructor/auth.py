"""The instructor's password: from SIM_INSTRUCTOR_PASSWORD, or generated once per installation.

Being an instructor is a flag in the signed session cookie, set only after the password was
given; every page of the area checks it.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from pathlib import Path

from flask import current_app, redirect, request, session, url_for

SESSION_KEY = "instructor"


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


def is_instructor() -> bool:
    return session.get(SESSION_KEY) is True


def required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not is_instructor():
            return redirect(url_for("instructor.login", next=request.path))
        return view(*args, **kwargs)

    return wrapper
