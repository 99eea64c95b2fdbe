"""What BNUM, Cerbère and the PIAG share: one account, three sessions, the single logout."""

from __future__ import annotations

from flask import g

from ...services import factors, sessions
from ...services.sessions import SessionState
from ...store import Account, PortalSession
from ...web.context import ctx
from ...web.portal_session import PortalSessions

PORTAL = "cerbere"  # the account key, for BNUM and Cerbère alike (same credentials)
BNUM_FACTOR = "bnum"  # the authenticator set up on the BNUM
OTP_MEL = "otp_mel"  # Cerbère's method: a code from the app configured for the BNUM
OTP_MEL_LABEL = "OTP Mél"
LEVEL_PASSWORD, LEVEL_2FA = "mot_de_passe", "2fa"

bnum_sessions = PortalSessions("bnum", "/bnum")
cerbere_sessions = PortalSessions("cerbere", "/cerbere")
piag_sessions = PortalSessions("piag", "/piag")


class CerbereSession(SessionState):
    """A logged-in Cerbère session: its level (password alone or two factors), the service
    the login was for, and a notice « Mon compte » shows once."""

    level: str | None = None
    service: str | None = None
    notice: str | None = None


class PiagSession(SessionState):
    """A PIAG session lives as long as the Cerbère session whose ticket opened it."""

    cerbere_session: str | None = None


def level_of(row: PortalSession) -> str | None:
    return sessions.state(row, CerbereSession).level


def bnum_factor(account: Account):
    return factors.active(account, "totp", BNUM_FACTOR)


def otp_mel(account: Account):
    return factors.active(account, "totp", OTP_MEL)


def signed_in(sessions: PortalSessions) -> Account | None:
    """For the page header; never raises, even on an error page without a sandbox."""
    if g.get("ctx") is None:
        return None
    return sessions.account()


def live_cerbere_session(session_id) -> PortalSession | None:
    """The Cerbère session a ticket or a PIAG session points to, if it is still open."""
    row = sessions.find_live(ctx(), session_id, cerbere_sessions.portal)
    return row if row is not None and row.authenticated else None


def end_single_sign_on(row: PortalSession | None) -> int:
    """Logging out of Cerbère ends, on the server, every PIAG session it opened."""
    if row is None:
        return 0
    context = ctx()
    row.ended_at = row.ended_at or context.now()
    return sessions.end_where(
        context,
        piag_sessions.portal,
        lambda client: sessions.state(client, PiagSession).cerbere_session == row.id,
    )
