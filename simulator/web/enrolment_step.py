"""The one authenticator set-up (the BNUM's « Sécurité », Karbon's configuration, OneGov's
switch): a new secret shown as a QR code and as text, the factor saved only when the app's
first code confirms it, then, where the portal gives them, recovery codes shown once.

The secret waits in the portal's server-side session: ``begin`` shows one (the same one
until it is confirmed or cleared), ``require`` finds it, ``confirm`` checks the first code
and ``clear`` forgets it, as Flask-Security-Too's set-up keeps its state. The portal keeps
its pages and its words; the attempt's outcome is told to ``web.attempts``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..services import factors, qr, sessions
from ..services.sessions import SessionState
from ..services.verdicts import Verdict
from ..store import Account, PortalSession
from . import attempts
from .context import ctx


class EnrolmentState(SessionState):
    """What the set-up keeps in the portal's session, beside whatever flow it is part of."""

    pending_secret: str | None = None  # shown as a QR code, not yet confirmed
    recovery_codes: list[str] | None = None  # in clear, until the owner says they are saved
    downloaded: bool = False  # the codes' file is given once


def _username(account: Account) -> str:
    return account.username


@dataclass(frozen=True)
class EnrolmentStep:
    portal: str  # whose sender's mail tells the owner of the new factor (registry.mail_sender)
    factor_name: str
    issuer: str  # the name the app shows beside the code
    account_name: Callable[[Account], str] = _username  # the QR's account (BNUM: the e-mail)
    recovery_codes: bool = False  # Karbon gives ten codes once the app is confirmed

    def begin(self, row: PortalSession) -> str:
        """The secret waiting for its first code; a new one if none waits."""
        secret = self.require(row)
        if secret is None:
            secret = factors.new_pending_secret(ctx())
            sessions.change(row, EnrolmentState, pending_secret=secret)
        return secret

    def require(self, row: PortalSession | None) -> str | None:
        return sessions.state(row, EnrolmentState).pending_secret if row is not None else None

    def clear(self, row: PortalSession) -> None:
        sessions.forget(row, EnrolmentState, "pending_secret")

    def shown(self, account: Account, secret: str) -> qr.QrCode:
        """The QR code and the secret's text, as the page shows them."""
        return qr.show_totp(ctx(), secret, self.account_name(account), self.issuer)

    def confirm(self, account: Account, row: PortalSession, typed: str | None) -> Verdict:
        """The first code of the waiting secret: on success the factor exists (and not
        before), the secret leaves the session and the recovery codes, if any, wait there to
        be shown once."""
        context = ctx()
        verdict, _factor = factors.confirm_totp(
            context, account, self.require(row), typed, name=self.factor_name, portal=self.portal
        )
        if not verdict.ok:
            attempts.enrolment_refused(account, portal=self.portal, outcome=verdict.outcome)
            return verdict
        self.clear(row)
        if self.recovery_codes:
            self.show_recovery_codes(row, factors.issue_recovery_codes(context, account))
        attempts.enrolled(account, portal=self.portal)
        return verdict

    @staticmethod
    def show_recovery_codes(row: PortalSession, codes: list[str]) -> None:
        """New codes wait in clear in the session only until the owner says they are saved."""
        sessions.change(row, EnrolmentState, recovery_codes=codes, downloaded=False)

    @staticmethod
    def recovery_codes_shown(row: PortalSession | None) -> list[str] | None:
        return sessions.state(row, EnrolmentState).recovery_codes if row is not None else None

    @staticmethod
    def codes_downloaded(row: PortalSession) -> bool:
        return sessions.state(row, EnrolmentState).downloaded

    @staticmethod
    def mark_downloaded(row: PortalSession) -> None:
        """The file of the codes left once; the next download is refused."""
        sessions.change(row, EnrolmentState, downloaded=True)

    @staticmethod
    def forget_recovery_codes(row: PortalSession) -> None:
        sessions.change(row, EnrolmentState, recovery_codes=None)
