"""Cerbère, the single sign-on: login, the refusal of a password alone, the code step, logout.

A password alone opens only the account page (« Mon compte »): a service such as the PIAG
gets the refusal of seed 001 word for word. Once the « OTP Mél » method exists, login asks
for the password then the code, and the browser goes back to the service with a ticket.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...services import second_factor
from ...services import sessions as session_rows
from ...web.code_step import CodeStep
from ...web.context import ctx
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState
from . import common, tickets
from .common import CerbereSession
from .common import cerbere_sessions as sessions
from .forms import CodeForm, LoginForm

bp = Blueprint("cerbere", __name__, url_prefix="/cerbere", template_folder="templates")


class CerbereLogin(FlowState):
    """The login waiting for its « OTP Mél » code, and the service it is for (None: none)."""

    service: str | None = None


LOGIN = LoginFlow(sessions, model=CerbereLogin)
PASSWORD = PasswordStep(LOGIN, common.PORTAL)


@bp.context_processor
def _layout() -> dict:
    return {"portal_css": "cerbere", "me": common.signed_in(sessions), "logout_form": FlaskForm()}


def strong(row) -> bool:
    return row is not None and row.authenticated and common.level_of(row) == common.LEVEL_2FA


def to_service(row, service: str):
    """Back to the service with a fresh one-time ticket."""
    context = ctx()
    account = session_rows.account_of(context, row)
    ticket = tickets.issue(context, account, row.id, service)
    return redirect(f"{service}?ticket={ticket}")


def _bad_service():
    return render_template("cerbere/bad_service.html"), 400


@bp.get("/")
def index():
    return redirect(url_for(".account" if sessions.account() else ".login"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    raw = request.args.get("service")
    service = tickets.clean_service(raw)
    if raw is not None and service is None:
        return _bad_service()
    row = sessions.current()
    if request.method == "GET" and strong(row):
        return to_service(row, service) if service else redirect(url_for(".account"))
    if request.method == "GET" and service and request.args.get("gateway") == "1":
        return redirect(service)  # CAS « gateway »: no single sign-on session, no ticket
    form = LoginForm()
    if form.validate_on_submit():
        account = PASSWORD.check_form(form)
        if account is not None:
            return _after_password(account, service)
    return render_template(
        "cerbere/login.html", form=form, service=service, service_name=tickets.SERVICES.get(service)
    ), (400 if form.errors else 200)


def _after_password(account, service: str | None):
    if common.otp_mel(account) is not None:
        LOGIN.begin(account, "otp", service=service)
        return redirect(url_for(".code"))
    level = CerbereSession(level=common.LEVEL_PASSWORD, service=service)
    if service is None:
        LOGIN.signed_in(
            account, second_factor=None, reason="Cerbère : mot de passe seul", state=level
        )
        return redirect(url_for(".account"))
    LOGIN.refused_by_service(
        account, reason="Cerbère : mot de passe seul — accès au service refusé", state=level
    )
    return render_template(
        "cerbere/refused.html", account=account, service_name=tickets.SERVICES[service]
    ), 403


def _start_over():
    flash("Commencez par saisir votre identifiant et votre mot de passe.", "error")
    return redirect(url_for(".login"))


def _signed_in(account, row):
    service = LOGIN.state(row).service
    new = LOGIN.signed_in(
        account,
        second_factor="totp",
        reason="Cerbère : OTP Mél accepté",
        state=CerbereSession(level=common.LEVEL_2FA),
    )
    return to_service(new, service) if service else redirect(url_for(".account"))


CODE_STEP = CodeStep(
    LOGIN,
    "otp",
    second_factor.authenticator(common.otp_mel),
    CodeForm,
    "cerbere/code.html",
    label="Cerbère : OTP Mél",
    succeed=_signed_in,
    start_over=_start_over,
)


@bp.route("/login/code", methods=["GET", "POST"])
def code():
    return CODE_STEP.handle()


@bp.post("/logout")
def logout():
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".login"))
    common.end_single_sign_on(sessions.current())
    sessions.end()
    flash("Vous êtes déconnecté de Cerbère et des services qui l'utilisent (PIAG).", "success")
    return redirect(url_for(".login"))
