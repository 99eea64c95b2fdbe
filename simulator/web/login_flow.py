"""A portal's login, as shared steps: its explicit flow state and the end of each attempt.

Flask-Security-Too keeps a multi-step login's state in the session (``begin``, ``require``
the allowed states, ``clear``), so a step reached out of order is refused instead of
half-working. ``LoginFlow`` is that state for one portal, and the only way a portal opens
a logged-in session after a login: every ending goes through one of its outcome methods,
which write the login history (``web.attempts``). The password, code and enrolment steps
(``PasswordStep``, ``CodeStep``, ``EnrolmentStep``) are built on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..services import sessions as session_rows
from ..services.sessions import SessionState
from ..store import Account, PortalSession
from . import attempts
from .context import ctx
from .portal_session import FlowState, PortalSessions


@dataclass(frozen=True)
class LoginFlow:
    sessions: PortalSessions
    name: str = "login"
    model: type[FlowState] = FlowState  # what the portal's steps keep beside the step

    # The flow's state ----------------------------------------------------------------------

    def begin(self, account: Account | None, step: str, **kept) -> PortalSession:
        """A new login under way (a new session identifier), waiting at ``step`` and keeping
        ``kept`` (validated by the flow's model)."""
        return self.sessions.begin(
            account, session_rows.new(self.model, flow=self.name, step=step, **kept)
        )

    def state(self, row: PortalSession) -> FlowState:
        """What the login under way keeps, as the portal's model reads it."""
        return session_rows.state(row, self.model)

    def require(self, *steps: str) -> PortalSession | None:
        """The login under way if it waits at one of ``steps`` (any step when none given)."""
        return self.sessions.require(self.name, *steps)

    def pending(self, *steps: str) -> tuple[PortalSession | None, Account | None]:
        """The login waiting at one of ``steps``, with its account; (None, None) otherwise."""
        row = self.require(*steps)
        account = session_rows.account_of(ctx(), row)
        return (row, account) if account is not None else (None, None)

    def advance(self, row: PortalSession, step: str, **changes) -> None:
        self.sessions.advance(row, self.model, step, **changes)

    def clear(self) -> None:
        """The login under way is over: its session ends on the server and in the cookie."""
        self.sessions.end()

    # How an attempt ends -------------------------------------------------------------------

    def signed_in(
        self,
        account: Account,
        *,
        second_factor: str | None,
        reason: str = "",
        persistent: bool = False,
        state: SessionState | None = None,
    ) -> PortalSession:
        """Logged in: a new authenticated session (a new identifier), in the history."""
        row = self.sessions.start(account, authenticated=True, persistent=persistent, state=state)
        attempts.signed_in(account, second_factor=second_factor, reason=reason)
        return row

    def refused_by_service(
        self, account: Account, *, reason: str, state: SessionState
    ) -> PortalSession:
        """The password was right but the service asked for more (Cerbère's refusal): a
        session at the password's level opens (« Mon compte »), the login counts as refused."""
        row = self.sessions.start(account, authenticated=True, state=state)
        attempts.service_refused(account, reason=reason)
        return row

    def abandon(self, row: PortalSession, *, step: str, second_factor: str, reason: str) -> None:
        """The trainee left the code step: the login waits at ``step`` (void) and says why."""
        account = session_rows.account_of(ctx(), row)
        self.advance(row, step)
        if account is not None:
            attempts.abandoned(account, second_factor=second_factor, reason=reason)
