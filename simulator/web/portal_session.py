"""Server-side sessions, one per portal, in a cookie scoped to the portal's path.

A flow of several steps (password, then code; QR code, then confirmation) records where it
stands with ``begin`` and checks it with ``require``: a step reached out of order or after
the session ended is refused instead of half-working. Every login gets a new identifier,
and logout ends the row on the server, so an old cookie replayed later opens nothing.

Where a flow stands (``FlowState``: its name and step) and what else it keeps are typed
models read and written through ``services.sessions``, never as the row's raw JSON.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer

from ..services import sessions
from ..services.sessions import SessionState
from ..store import Account, PortalSession
from .context import ctx

SESSION_LIFETIME = timedelta(hours=8)
PERSISTENT_LIFETIME = timedelta(days=30)


class FlowState(SessionState):
    """Where a multi-step flow stands: which flow (« login », Karbon's activation...) and
    which step. A portal's flow extends it with what its steps keep (a request, a service)."""

    flow: str | None = None
    step: str | None = None


class PortalSessions:
    def __init__(self, portal: str, path: str) -> None:
        self.portal = portal
        self.path = path
        self.cookie_name = f"session_{portal}"

    def _codec(self) -> URLSafeSerializer:
        return URLSafeSerializer(current_app.secret_key, salt=f"portal-session:{self.portal}")

    def current(self) -> PortalSession | None:
        cache = g.setdefault("portal_sessions", {})
        if self.portal in cache:
            return cache[self.portal]
        cache[self.portal] = self._load()
        return cache[self.portal]

    def _load(self) -> PortalSession | None:
        raw = request.cookies.get(self.cookie_name)
        if not raw or len(raw) > 512:
            return None
        try:
            session_id = self._codec().loads(raw)
        except BadSignature:
            return None
        return sessions.find_live(ctx(), session_id, self.portal)

    def account(self) -> Account | None:
        """The fully logged-in account, or None."""
        row = self.current()
        if row is None or not row.authenticated:
            return None
        return sessions.account_of(ctx(), row)

    def start(
        self,
        account: Account | None = None,
        *,
        authenticated: bool = False,
        persistent: bool = False,
        state: SessionState | None = None,
    ) -> PortalSession:
        """A fresh identifier: whatever this browser had before on this portal is ended."""
        self.end(clear_cookie=False)
        row = sessions.create(
            ctx(),
            self.portal,
            account,
            authenticated=authenticated,
            persistent=persistent,
            lifetime=PERSISTENT_LIFETIME if persistent else SESSION_LIFETIME,
            initial=state,
        )
        g.setdefault("portal_sessions", {})[self.portal] = row
        max_age = int(PERSISTENT_LIFETIME.total_seconds()) if persistent else None
        schedule_cookie(
            self.cookie_name, self._codec().dumps(row.id), path=self.path, max_age=max_age
        )
        return row

    def end(self, *, clear_cookie: bool = True) -> None:
        row = self.current()
        if row is not None and row.ended_at is None:
            row.ended_at = ctx().now()
        g.setdefault("portal_sessions", {})[self.portal] = None
        if clear_cookie:
            schedule_cookie(self.cookie_name, None, path=self.path)

    # Multi-step flows -------------------------------------------------------------------

    def begin(self, account: Account | None, state: FlowState) -> PortalSession:
        """A new flow under way (a new identifier), in the state ``state`` says."""
        return self.start(account, state=state)

    def require(self, flow: str, *steps: str) -> PortalSession | None:
        row = self.current()
        if row is None or row.authenticated:
            return None
        where = sessions.state(row, FlowState)
        if where.flow != flow or (steps and where.step not in steps):
            return None
        return row

    def advance(self, row: PortalSession, model: type[FlowState], step: str, **changes) -> None:
        """The flow moves to ``step``, with what ``changes`` sets, validated by ``model``."""
        sessions.change(row, model, step=step, **changes)


def schedule_cookie(
    name: str, value: str | None, *, path: str = "/", max_age: int | None = None
) -> None:
    """Cookies are written once the unit of work has committed (see ``apply_cookies``)."""
    g.setdefault("cookie_ops", []).append((name, value, path, max_age))


def apply_cookies(response):
    secure = request.is_secure or current_app.config.get("SIM_HTTPS", False)
    for name, value, path, max_age in g.pop("cookie_ops", []):
        if value is None:
            response.delete_cookie(name, path=path, httponly=True, samesite="Lax", secure=secure)
        else:
            response.set_cookie(
                name,
                value,
                max_age=max_age,
                path=path,
                httponly=True,
                samesite="Lax",
                secure=secure,
            )
    return response
