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

from ..services import factors, qr
from ..services.verdicts import Verdict
from ..store import Account, PortalSession
from . import attempts
from .context import ctx

PENDING = "pending_secret"
CODES, DOWNLOADED = "recovery_codes", "downloaded"


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
            row.data = {**row.data, PENDING: secret}
        return secret

    def require(self, row: PortalSession | None) -> str | None:
        return (row.data or {}).get(PENDING) if row is not None else None

    def clear(self, row: PortalSession) -> None:
        row.data = {k: v for k, v in row.data.items() if k != PENDING}

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
        row.data = {**row.data, CODES: codes, DOWNLOADED: False}

    @staticmethod
    def recovery_codes_shown(row: PortalSession | None) -> list[str] | None:
        return (row.data or {}).get(CODES) if row is not None else None

    @staticmethod
    def forget_recovery_codes(row: PortalSession) -> None:
        row.data = {**row.data, CODES: None}
