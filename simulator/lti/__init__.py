"""LTI 1.3 Advantage: the simulator launched from a learning platform (Moodle, Mentor).

A platform's user becomes a sandbox and its course a class, then the existing pages take
over; portals never know a launch happened. The scores go back through an outbox
(``grades``), the course's roster comes through NRPS. See docs « Intégrer à Moodle ».
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface


class FramedSessionInterface(SecureCookieSessionInterface):
    """A session opened by a launch over HTTPS lives in the platform's frame: its cookies
    must be ``SameSite=None; Secure`` or the browser drops them there. Every other session
    keeps ``SameSite=Lax``."""

    def save_session(self, app, session, response) -> None:
        super().save_session(app, session, response)
        if _framed(app, session):
            cookies = response.headers.getlist("Set-Cookie")
            response.headers.remove("Set-Cookie")
            for cookie in cookies:
                response.headers.add("Set-Cookie", _cross_site(cookie))


def _framed(app, session) -> bool:
    https = app.config.get("SIM_HTTPS") or request.is_secure
    return bool(https and session.get("lti"))


def _cross_site(cookie: str) -> str:
    parts = [p for p in cookie.split("; ") if not p.lower().startswith("samesite=")]
    if "secure" not in (p.lower() for p in parts):
        parts.append("Secure")
    return "; ".join([*parts, "SameSite=None"])


def init_app(app: Flask) -> None:
    app.config.setdefault("LTI_KEY_FOLDER", Path(app.instance_path) / "lti")
    from ..web.security import csrf
    from . import deep_linking, launch, pages, trainer  # noqa: F401 - their routes on pages.bp

    app.register_blueprint(pages.bp)
    csrf.exempt(launch.login)  # the platform posts these, cross-site: the state and the
    csrf.exempt(launch.launch)  # nonce are their protection, checked by pylti1p3
    app.session_interface = FramedSessionInterface()
    app.before_request(_allow_platform_frame)
    app.before_request(_keep_teacher_in_their_class)
    _after_everything_but_the_commit(app, _track_scores)
    if app.config["SIM_MODE"] == "normal":
        app.before_request(_start_worker)


def _after_everything_but_the_commit(app: Flask, function) -> None:
    """Flask runs after-request functions last-registered first: placed just after the
    unit of work's commit in that list, ``function`` runs once every other one (the visit of
    a help page recorded as an exercise's proof) has run, and before the commit."""
    from ..web import context

    functions = app.after_request_funcs.setdefault(None, [])
    commit = next(i for i, f in enumerate(functions) if f is context.commit_unit_of_work)
    functions.insert(commit + 1, function)


def _allow_platform_frame() -> None:
    """Pages of a launched session may be framed by that platform (Moodle's iframe)."""
    origin = session.get("lti")
    if isinstance(origin, str) and origin.startswith(("https://", "http://")):
        g.frame_ancestors = origin


SCOPE_KEY = "lti_scope"  # a teacher launched from a course: {sid: instructor session, classroom}
SCOPED_LTI_PAGES = {"lti.platforms", "lti.platform_status", "lti.resend_grades"}


def _keep_teacher_in_their_class() -> None:
    """A teacher who came from a course sees that course's class and its trainees only, not
    the other classes' names (personal data). The scope is bound to the instructor session
    the launch opened: logging in with the trainer's password starts another, unscoped one."""
    scope = session.get(SCOPE_KEY)
    if not isinstance(scope, dict):
        return
    if request.blueprint != "instructor" and request.endpoint not in SCOPED_LTI_PAGES:
        return
    from ..instructor import auth

    if session.get(auth.SESSION_KEY) != scope.get("sid") or request.endpoint in (
        "instructor.login",
        "instructor.logout",
    ):
        return
    from ..services import sandboxes

    args = request.view_args or {}
    if args.get("classroom_id") == scope.get("classroom"):
        return
    sandbox = sandboxes.get(g.db, args.get("sandbox_id")) if "sandbox_id" in args else None
    if sandbox is not None and sandbox.classroom_id == scope.get("classroom"):
        return
    abort(403)


def _track_scores(response):
    """A launched trainee's request may have finished an exercise: queue the new score (the
    worker posts it). Only sessions that came from a platform pay for it."""
    ctx = g.get("ctx")
    if (
        ctx is not None
        and session.get("lti")
        and response.status_code < 400
        and request.endpoint != "static"
    ):
        from . import grades

        grades.track(g.db, ctx.sandbox)
    return response


def _start_worker() -> None:
    from . import grades

    grades.start_worker(current_app._get_current_object())  # noqa: SLF001
