"""One database session and one sandbox context per request.

The unit of work is committed before the response leaves, so a page never reports a change
that was not saved, and rolled back whole on any error: no half-saved enrolment.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, session

from ..services import sandboxes
from ..services.context import SandboxContext
from .security import NoSandbox

SANDBOX_KEY = "sandbox"
# Pages a browser without a sandbox may open; every other page sends it home first.
OPEN_ENDPOINTS = {
    None,
    "static",
    "robots",
    "favicon",
    "sandbox.home",
    "sandbox.start",
    "testhooks.wall_clock",
    "guide.page",
    "progress.join",
}


def init_app(app: Flask) -> None:
    app.before_request(_open)
    app.after_request(commit_unit_of_work)
    app.teardown_request(_close)


def _open() -> None:
    g.db = current_app.extensions["sim.db"].sessions()
    g.ctx = None
    sandbox = sandboxes.get(g.db, session.get(SANDBOX_KEY))
    if sandbox is not None:
        g.ctx = make_context(sandbox)
        sandboxes.seen(sandbox, current_app.extensions["sim.wall_clock"].now())
    elif request.endpoint not in OPEN_ENDPOINTS and request.blueprint not in ("instructor", "lti"):
        raise NoSandbox()


def make_context(sandbox) -> SandboxContext:
    return SandboxContext(
        db=g.db,
        sandbox=sandbox,
        wall=current_app.extensions["sim.wall_clock"],
        deterministic=current_app.config["SIM_MODE"] != "normal",
    )


def commit_unit_of_work(response):
    db = g.get("db")
    if db is not None and response.status_code < 500:
        db.commit()
    return response


def _close(exc) -> None:
    db = g.pop("db", None)
    if db is not None:
        if exc is not None:
            db.rollback()
        db.close()


def adopt(sandbox) -> SandboxContext:
    """Make ``sandbox`` this browser's sandbox (home page, class passcode)."""
    session.clear()
    session[SANDBOX_KEY] = sandbox.id
    session.permanent = True
    g.ctx = make_context(sandbox)
    return g.ctx


def ctx() -> SandboxContext:
    """The current sandbox; pages that need one are only reached with one."""
    if g.get("ctx") is None:
        raise NoSandbox()
    return g.ctx


def hash_method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]
