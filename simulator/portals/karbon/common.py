"""What the Karbon pages share: the blueprint, the session, the firm and its setting.

The firm's « exiger la 2FA » switch is a column of the sandbox (one firm per sandbox); the
client's invitation and activation live in the Karbon account's state (``services.state``).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for

from ...domain.registry import BY_KEY
from ...services import factors, portal_settings, state
from ...services.context import SandboxContext
from ...store import Account
from ...web.context import ctx
from ...web.enrolment_step import EnrolmentStep
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState, PortalSessions

PORTAL = "karbon"
PATH = "/karbon"
PORTAL_NAME = BY_KEY[PORTAL].name  # QR issuer: « Portail client Karbon (simulation) »
FIRM = "Cabinet Ardoise & Associés"  # fictitious firm of accountants
SENDER = BY_KEY[PORTAL].mail_sender
FACTOR_NAME = "karbon"
FLOW = "acces"  # steps: password (invitation) | code | recovery | setup | codes

bp = Blueprint("karbon", __name__, url_prefix=PATH, template_folder="templates")
sessions = PortalSessions(PORTAL, PATH)


class KarbonAccess(FlowState):
    """Karbon's access flow: reached from an invitation link, it keeps the link's token
    (hashed) until the password is chosen. The set-up's secret and recovery codes beside it
    are the enrolment step's."""

    invitation: str | None = None


LOGIN = LoginFlow(sessions, FLOW, model=KarbonAccess)
PASSWORD = PasswordStep(LOGIN, PORTAL)
ENROLMENT = EnrolmentStep(PORTAL, FACTOR_NAME, PORTAL_NAME, recovery_codes=True)


@bp.context_processor
def _portal_css() -> dict:
    return {"portal_css": "karbon", "firm": FIRM}


def requires_2fa(context: SandboxContext) -> bool:
    """The firm requires 2FA unless the accountant turned it off (seed 002's case)."""
    return portal_settings.read(context, PORTAL).requires_2fa


def set_requires_2fa(context: SandboxContext, value: bool) -> None:
    portal_settings.change(context, PORTAL, requires_2fa=bool(value))


def client_account(context: SandboxContext | None = None) -> Account:
    return (context or ctx()).account(PORTAL)


def totp_factor(account: Account):
    return factors.active(account, "totp", FACTOR_NAME)


def is_activated(account: Account) -> bool:
    return state.account_state(account).activated_at is not None


def pending(*steps: str):
    """The unfinished flow of this browser at one of ``steps``, with its account, or (None, None)."""
    return LOGIN.pending(*steps)


def scrub_shown_codes() -> None:
    """Recovery codes wait in clear in the session only while shown: drop them when leaving."""
    row = sessions.current()
    if ENROLMENT.recovery_codes_shown(row):
        ENROLMENT.forget_recovery_codes(row)


def out_of_order():
    flash(
        "Cette étape n'est pas disponible : votre session a expiré ou l'étape précédente n'est "
        "pas terminée. Reprenez depuis la connexion.",
        "error",
    )
    return redirect(url_for("karbon.login"))
