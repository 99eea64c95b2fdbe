"""The BNUM: the ministry workspace where the authenticator app is set up first.

Its « Sécurité / Authentification à deux facteurs » page shows a QR code whose secret stays
in the BNUM session until a code from the app confirms it (only then is the factor saved).
Once the factor exists, logging in to the BNUM asks for a code too.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...domain.paths import local_path
from ...services import second_factor
from ...services import sessions as session_rows
from ...services.sessions import SessionState
from ...web.code_step import CodeStep
from ...web.enrolment_step import EnrolmentStep
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState
from . import common
from .common import bnum_sessions as sessions
from .forms import CodeForm, LoginForm

bp = Blueprint("bnum", __name__, url_prefix="/bnum", template_folder="templates")
ISSUER = "BNUM"


class BnumLogin(FlowState):
    """The login waiting for its code, and the BNUM page to open after it (« suite »)."""

    suite: str | None = None


class BnumSession(SessionState):
    """A logged-in BNUM session: the notice « Sécurité » shows once after the set-up (the
    pending secret beside it is the enrolment step's)."""

    notice: str | None = None


LOGIN = LoginFlow(sessions, model=BnumLogin)
# The mail telling the owner of the new factor comes from the BNUM's sender.
ENROLMENT = EnrolmentStep(
    "bnum", common.BNUM_FACTOR, ISSUER, account_name=lambda account: account.email
)
PASSWORD = PasswordStep(LOGIN, common.PORTAL)


@bp.context_processor
def _layout() -> dict:
    return {"portal_css": "bnum", "me": common.signed_in(sessions), "logout_form": FlaskForm()}


def _to_login():
    flash("Connectez-vous au BNUM pour accéder à cette page.", "info")
    return redirect(url_for(".login", suite=request.path))


def _next() -> str:
    return local_path(request.args.get("suite"), "/bnum/") or url_for(".home")


@bp.get("/")
def home():
    account = sessions.account()
    if account is None:
        return redirect(url_for(".login"))
    return render_template("bnum/home.html", account=account, factor=common.bnum_factor(account))


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        account = PASSWORD.check_form(form)
        if account is not None and common.bnum_factor(account) is not None:
            LOGIN.begin(account, "code", suite=_next())
            return redirect(url_for(".code"))
        if account is not None:
            LOGIN.signed_in(account, second_factor=None, reason="BNUM : mot de passe seul")
            return redirect(_next())
    return render_template("bnum/login.html", form=form), (400 if form.errors else 200)


def _start_over():
    flash("Commencez par saisir votre identifiant et votre mot de passe.", "error")
    return redirect(url_for(".login"))


def _signed_in(account, row):
    suite = LOGIN.state(row).suite or url_for(".home")
    LOGIN.signed_in(account, second_factor="totp", reason="BNUM : code accepté")
    return redirect(suite)


CODE_STEP = CodeStep(
    LOGIN,
    "code",
    second_factor.authenticator(common.bnum_factor),
    CodeForm,
    "bnum/code.html",
    label="BNUM",
    succeed=_signed_in,
    start_over=_start_over,
)


@bp.route("/connexion/code", methods=["GET", "POST"])
def code():
    return CODE_STEP.handle()


@bp.get("/securite")
def security(form: CodeForm | None = None, status: int = 200):
    account = sessions.account()
    if account is None:
        return _to_login()
    row = sessions.current()
    factor = common.bnum_factor(account)
    shown = None
    if factor is None:
        shown = ENROLMENT.shown(account, ENROLMENT.begin(row))
    notice = session_rows.state(row, BnumSession).notice
    if notice:  # shown once
        session_rows.forget(row, BnumSession, "notice")
    return render_template(
        "bnum/security.html",
        account=account,
        factor=factor,
        qr=shown,
        form=form or CodeForm(),
        notice=notice,
    ), status


@bp.post("/securite/confirmer")
def confirm():
    account = sessions.account()
    if account is None:
        return _to_login()
    row = sessions.current()
    if ENROLMENT.require(row) is None or common.bnum_factor(account) is not None:
        flash(
            "Affichez d'abord le code QR de la page « Authentification à deux facteurs ».", "error"
        )
        return redirect(url_for(".security"))
    form = CodeForm()
    if form.validate_on_submit():
        verdict = ENROLMENT.confirm(account, row, form.code.data)
        if verdict.ok:
            session_rows.change(row, BnumSession, notice="activated")
            return redirect(url_for(".security"))
        form.code.errors = [verdict.message]
    return security(form=form, status=400)


@bp.post("/deconnexion")
def logout():
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".home"))
    sessions.end()
    flash("Vous êtes déconnecté du BNUM.", "success")
    return redirect(url_for(".login"))
