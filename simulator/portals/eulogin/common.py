"""What EU Login and TRACES NT share: one single-sign-on session, the blueprints, the SMS.

The session cookie is scoped to ``/`` because TRACES NT reads the EU Login session (that is
what single sign-on means here); it records the method the session was opened with, since
TRACES refuses certificates to a session opened with a password only.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, flash, g, redirect, url_for
from flask_wtf import FlaskForm

from ...domain import codes, phones
from ...domain.registry import BY_KEY
from ...services import challenges
from ...services import sessions as session_rows
from ...services.sessions import SessionState
from ...web.context import ctx
from ...web.portal_session import PortalSessions

PORTAL = "eulogin"
SMS_SENDER = BY_KEY[PORTAL].sms_sender
SMS_LIFETIME = codes.SMS_CHALLENGE_LIFETIME
METHOD_PASSWORD, METHOD_SMS = "password", "sms"
METHODS_FR = {METHOD_PASSWORD: "Mot de passe", METHOD_SMS: "Téléphone portable + SMS"}
SERVICES = ("traces", "compte")  # where a login returns: nothing else, so no open redirect

sessions = PortalSessions(PORTAL, "/")


class SingleSignOn(SessionState):
    """The logged-in EU Login session, as TRACES NT reads it: the method it was opened with
    (a password alone gets no certificate) and the number the SMS went to."""

    method: str | None = None
    phone: str | None = None


def signed_in_method() -> str | None:
    """The method of this browser's EU Login session (None without one)."""
    row = sessions.current()
    return session_rows.state(row, SingleSignOn).method if row is not None else None


eulogin_bp = Blueprint("eulogin", __name__, url_prefix="/eulogin", template_folder="templates")
traces_bp = Blueprint("traces", __name__, url_prefix="/traces", template_folder="templates")


@eulogin_bp.context_processor
def _eulogin_css() -> dict:
    return {"portal_css": "eulogin", "logout_form": FlaskForm()}


eulogin_bp.add_app_template_filter(phones.international, "eulogin_phone")


@traces_bp.context_processor
def _traces_css() -> dict:
    row = sessions.current() if g.get("ctx") is not None else None
    logged = row is not None and row.authenticated
    return {
        "portal_css": "traces",
        "logout_form": FlaskForm(),
        "sso_account": sessions.account() if logged else None,
        "sso_method": session_rows.state(row, SingleSignOn).method if logged else None,
    }


def service_of(value: str | None) -> str:
    return value if value in SERVICES else "compte"


def after_login_url(service: str) -> str:
    return url_for("traces.home") if service == "traces" else url_for("eulogin.account")


def login_required(view):
    """EU Login pages of the account: a browser without a session is sent to the login."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if sessions.account() is None:
            flash("Connectez-vous d'abord à EU Login.", "info")
            return redirect(url_for("eulogin.login", service="compte"))
        return view(*args, **kwargs)

    return wrapper


def send_challenge(account, request_id: str, phone: str, *, purpose: str, what: str) -> None:
    """One SMS « challenge » code for this request (login or new number)."""

    def build(code: str) -> str:
        return (
            f"EU Login : votre code challenge {what} est {code}. Il est valable "
            f"{int(SMS_LIFETIME.total_seconds() // 60)} minutes. (Simulateur de formation)"
        )

    challenges.send_by_sms(
        ctx(),
        account,
        request_id,
        purpose=purpose,
        lifetime=SMS_LIFETIME,
        sender=SMS_SENDER,
        phone=phone,
        build=build,
        portal=PORTAL,
    )


def can_resend(request_id: str) -> bool:
    return phones.may_send_again(challenges.sent_count(ctx(), request_id))


def sms_factors(account) -> list:
    return [f for f in account.factors if f.kind == "sms"]
