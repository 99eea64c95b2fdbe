"""The one password check every portal's login page makes (PIGP, the BNUM, Cerbère, Karbon,
OneGov, EU Login): identifier and password against the sandbox's account, under the
password lockout, the refusal recorded by ``web.attempts``.

The portal keeps its page, its words and what follows (a code, a set-up, a session): it
asks ``check`` and shows the verdict's message where its screen shows errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..services import passwords
from ..services.verdicts import Verdict
from ..store import Account
from . import attempts
from .context import ctx
from .login_flow import LoginFlow


@dataclass(frozen=True)
class PasswordStep:
    flow: LoginFlow
    portal: str  # the account key the identifier is looked up under
    refusals_in_history: bool = False  # OneGov lists a refused password in « Connexions récentes »

    def check(self, username: str | None, password: str | None) -> tuple[Account | None, Verdict]:
        """The account when the password is right; otherwise None and the refusal (the same
        message for an unknown identifier, which the lockout counts too)."""
        context = ctx()
        account, verdict = passwords.check(context, self.portal, username or "", password or "")
        if account is None:
            known = (
                passwords.find_account(context, self.portal, username or "")
                if self.refusals_in_history
                else None
            )
            attempts.password_refused(known, portal=self.portal, in_history=known is not None)
        return account, verdict

    def check_form(self, form) -> Account | None:
        """``check`` on a form with ``username`` and ``password``; a refusal's message goes
        under the password field, as every portal shows it."""
        account, verdict = self.check(form.username.data, form.password.data)
        if account is None:
            form.password.errors = [verdict.message]
        return account
