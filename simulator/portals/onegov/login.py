"""Login: identifiant, mot de passe and « Rester connecté », then the one-time password
when the account has 2FA, then the app for the meetings.

« Rester connecté » gives a persistent session cookie (with ``Max-Age``, 30 days); without
it the cookie dies with the browser. Either way the session lives on the server, so logout
really ends it. Under the « obligatoire » policy an account without 2FA is sent to the
set-up right after the password.
"""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...services import second_factor
from ...store import Account
from ...web.code_step import CodeStep
from ...web.context import ctx
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState
from .common import PORTAL, bp, login_required, must_enrol, sessions, totp_factor
from .forms import CodeForm, LoginForm


class OnegovLogin(FlowState):
    """The login waiting for its code, and whether « Rester connecté » was ticked."""

    remember: bool = False


LOGIN = LoginFlow(sessions, model=OnegovLogin)
# « Connexions récentes » lists a refused password too (the page says the same either way).
PASSWORD = PasswordStep(LOGIN, PORTAL, refusals_in_history=True)
ENROL_FIRST_FR = (
    "Votre organisation exige l'authentification à deux facteurs : configurez-la "
    "pour accéder à l'application."
)


@bp.get("/")
def index():
    return redirect(url_for(".meetings" if sessions.account() else ".login"))


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    if request.method == "GET" and sessions.account() is not None:
        return redirect(url_for(".meetings"))  # « Rester connecté » spares the login
    form = LoginForm()
    if form.validate_on_submit():
        account = PASSWORD.check_form(form)
        if account is not None:
            return _after_password(account, bool(form.remember.data))
    return render_template("onegov/login.html", form=form), 400 if form.errors else 200


def _after_password(account: Account, remember: bool):
    if totp_factor(account) is not None:
        LOGIN.begin(account, "otp", remember=remember)
        return redirect(url_for(".code"))
    return _open_session(account, remember, second_factor=None)


def _open_session(account: Account, remember: bool, second_factor: str | None):
    """Full login: a new session identifier, persistent only with « Rester connecté »."""
    LOGIN.signed_in(
        account,
        second_factor=second_factor,
        reason="rester connecté" if remember else "",
        persistent=remember,
    )
    if must_enrol(account):
        flash(ENROL_FIRST_FR, "info")
        return redirect(url_for(".setup"))
    return redirect(url_for(".meetings"))


def _start_over():
    flash("Commencez par saisir votre identifiant et votre mot de passe.", "info")
    return redirect(url_for(".login"))


CODE_STEP = CodeStep(
    LOGIN,
    "otp",
    second_factor.authenticator(totp_factor),
    CodeForm,
    "onegov/code.html",
    label="OneGov GED",
    start_over=_start_over,
    succeed=lambda account, row: _open_session(
        account, LOGIN.state(row).remember, second_factor="totp"
    ),
)


@bp.route("/connexion/code", methods=["GET", "POST"])
def code():
    return CODE_STEP.handle()


@bp.get("/seances")
@login_required
def meetings(account: Account):
    if must_enrol(account):
        flash(ENROL_FIRST_FR, "info")
        return redirect(url_for(".setup"))
    today = ctx().now()
    agenda = [  # fictitious meetings, dated from the sandbox clock
        ("Conseil communal", today + timedelta(days=3), "19 h 30", "Salle du conseil"),
        ("Commission des finances", today + timedelta(days=8), "18 h 00", "Salle 2"),
        ("Commission de l'urbanisme", today + timedelta(days=15), "18 h 30", "Salle 2"),
    ]
    return render_template("onegov/meetings.html", account=account, agenda=agenda)


@bp.post("/deconnexion")
def logout():
    if FlaskForm().validate_on_submit():
        sessions.end()
        flash("Vous êtes déconnecté.", "success")
    return redirect(url_for(".login"))
