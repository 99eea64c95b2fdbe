"""The one code screen: ask for a code, check it, count and record a refusal, succeed.

Every portal's second-factor page (PIGP's e-mailed code, the BNUM's and Cerbère's
authenticator, Karbon's authenticator and recovery code, OneGov's one-time password, EU
Login's SMS) is a ``CodeStep``, as Flask-Security-Too has one validation view for every
method. The portal gives only its words (the form, the history label), its template, the
extra values that template shows and where success leads; the order of the flow, the
check, the lockout and the login history (``web.attempts``) are the same for all.

With ``enrolment`` the code confirms a new number or address at the first login (a
scaffolded portal's SMS or e-mail): the attempt is recorded as the enrolment, as EU Login's
« Finaliser » records it, and a refusal is an enrolment's, not a login's, in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import render_template

from ..services import records, second_factor, sessions
from ..services.sessions import SessionState
from ..services.verdicts import Verdict
from ..store import Account, PortalSession
from . import attempts
from .context import ctx
from .login_flow import LoginFlow

Page = Callable[[Account, PortalSession], dict]


class SentCode(SessionState):
    """The request a code sent by e-mail or SMS belongs to, as a flow that sends one keeps it
    (PIGP's login, EU Login's SMS step): its model extends this one."""

    request_id: str | None = None


def _nothing(_account: Account, _row: PortalSession) -> dict:
    return {}


@dataclass(frozen=True)
class CodeStep:
    flow: LoginFlow
    step: str
    method: second_factor.Method
    form: type
    template: str
    label: str  # how the login history names the step: « BNUM », « code SMS »...
    succeed: Callable[[Account, PortalSession], object]
    start_over: Callable[[], object]  # the step reached out of order: the portal's words
    page: Page = _nothing
    enrolment: bool = False  # the code proves a new number or address (see the module's doc)

    def pending(self) -> tuple[PortalSession | None, Account | None]:
        """The flow waiting at this step, with its account; (None, None) otherwise."""
        row, account = self.flow.pending(self.step)
        if account is None or not self.method.ready(account):
            return None, None
        return row, account

    def handle(self):
        row, account = self.pending()
        if row is None:
            return self.start_over()
        form = self.form()
        if form.validate_on_submit():
            request_id = sessions.state(row, SentCode).request_id
            verdict = second_factor.attempt(
                ctx(),
                account,
                self.method,
                request_id,
                form.code.data,
                step=records.ENROLMENT_STEP if self.enrolment else None,
            )
            if verdict.ok:
                if self.enrolment:
                    attempts.enrolled(account, portal=account.portal)
                return self.succeed(account, row)
            self._refused(account, verdict)
            form.code.errors = [verdict.message]
        elif form.errors and not form.code.errors:
            form.code.errors = ["Le formulaire a expiré : rechargez la page."]
        page = render_template(self.template, form=form, **self.page(account, row))
        return page, 400 if form.errors else 200

    def _refused(self, account: Account, verdict: Verdict) -> None:
        if self.enrolment:
            attempts.enrolment_refused(account, portal=account.portal, outcome=verdict.outcome)
            return
        attempts.code_refused(
            account,
            second_factor=self.method.history,
            reason=second_factor.history_reason(self.label, verdict),
        )
