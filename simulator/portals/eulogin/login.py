"""EU Login's login: e-mail, then password and « Méthode d'authentification », then for
« Téléphone portable + SMS » the number and the SMS « challenge » code (seed 004).

The methods offered are those of the account: « Mot de passe » until a mobile number is
registered, then also « Téléphone portable + SMS ». The SMS step is its own flow step, so
a code page reached without a password checked first is refused.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from ...domain import phones
from ...services import passwords, second_factor
from ...store import Account
from ...web.code_step import CodeStep, SentCode
from ...web.context import ctx
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState
from .common import (
    METHOD_PASSWORD,
    METHOD_SMS,
    METHODS_FR,
    PORTAL,
    SingleSignOn,
    after_login_url,
    can_resend,
    eulogin_bp,
    send_challenge,
    service_of,
    sessions,
    sms_factors,
)
from .forms import ChallengeForm, EmailForm, PasswordForm


class EuloginLogin(FlowState, SentCode):
    """EU Login's login under way: the address typed first, the service to return to, and
    for the SMS step the number the code went to (and its request, ``SentCode``)."""

    email: str | None = None
    service: str | None = None
    phone: str | None = None


LOGIN = LoginFlow(sessions, model=EuloginLogin)
PASSWORD = PasswordStep(LOGIN, PORTAL)
OUT_OF_ORDER_FR = "Cette étape de connexion n'est plus valable : recommencez en saisissant votre adresse électronique."
UNKNOWN_PHONE_FR = (
    "Ce numéro n'est pas enregistré sur votre compte EU Login : saisissez le numéro ajouté dans "
    "« Gérer mes numéros de téléphone portable »."
)


@eulogin_bp.get("/")
def index():
    return redirect(url_for(".account" if sessions.account() else ".login"))


@eulogin_bp.route("/connexion", methods=["GET", "POST"])
def login():
    service = service_of(request.args.get("service"))
    form = EmailForm()
    if form.validate_on_submit():
        LOGIN.begin(None, "password", email=form.email.data.strip(), service=service)
        return redirect(url_for(".password"))
    return render_template(
        "eulogin/login_email.html", form=form, service=service
    ), 400 if form.errors else 200


@eulogin_bp.get("/connexion/autre-adresse")
def other_address():
    row = LOGIN.require()
    service = service_of(LOGIN.state(row).service if row else None)
    LOGIN.clear()
    return redirect(url_for(".login", service=service))


@eulogin_bp.route("/connexion/mot-de-passe", methods=["GET", "POST"])
def password():
    row = LOGIN.require("password")
    if row is None:
        return _out_of_order()
    context, login = ctx(), LOGIN.state(row)
    known = passwords.find_account(context, PORTAL, login.email)
    form = PasswordForm()
    form.method.choices = _methods(known)
    if form.validate_on_submit():
        method = (
            form.method.data if form.method.data in [c.value for c in form.method.choices] else None
        )
        number = phones.parse_mobile(form.phone.data) if method == METHOD_SMS else None
        if method is None:
            form.method.errors = ["Choisissez une méthode d'authentification dans la liste."]
        elif number is not None and not number.ok:
            form.phone.errors = [number.message(phones.international(context.persona.mobile))]
        else:
            account, verdict = PASSWORD.check(login.email, form.password.data)
            if account is None:
                form.password.errors = [verdict.message]
            elif number is None:
                return _finish(account, METHOD_PASSWORD, None, login.service)
            elif number.e164 not in [f.phone for f in sms_factors(account)]:
                form.phone.errors = [UNKNOWN_PHONE_FR]
            else:
                return _start_sms(row, account, number.e164)
    return render_template(
        "eulogin/login_password.html", form=form, email=login.email
    ), 400 if form.errors else 200


def _methods(account: Account | None) -> list[SelectChoice]:
    methods = [SelectChoice(METHOD_PASSWORD, METHODS_FR[METHOD_PASSWORD])]
    if account is not None and sms_factors(account):
        methods.append(SelectChoice(METHOD_SMS, METHODS_FR[METHOD_SMS]))
    return methods


def _start_sms(row, account: Account, e164: str):
    request_id = ctx().token()
    LOGIN.begin(account, "sms", request_id=request_id, phone=e164, service=LOGIN.state(row).service)
    send_challenge(account, request_id, e164, purpose="eulogin_login", what="de connexion")
    return redirect(url_for(".sms"))


def _sms_page(_account, row) -> dict:
    login = LOGIN.state(row)
    return {
        "phone": login.phone,
        "service": service_of(login.service),
        "can_resend": can_resend(login.request_id),
        "resend_form": FlaskForm(),
    }


SMS_STEP = CodeStep(
    LOGIN,
    "sms",
    second_factor.sent_code(METHOD_SMS),
    ChallengeForm,
    "eulogin/login_sms.html",
    label="EU Login : code SMS",
    start_over=lambda: _out_of_order(),
    page=_sms_page,
    succeed=lambda account, row: _finish(
        account, METHOD_SMS, LOGIN.state(row).phone, LOGIN.state(row).service
    ),
)


@eulogin_bp.route("/connexion/sms", methods=["GET", "POST"])
def sms():
    return SMS_STEP.handle()


@eulogin_bp.post("/connexion/sms/renvoyer")
def sms_resend():
    row, account = LOGIN.pending("sms")
    if row is None:
        return _out_of_order()
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".sms"))
    login = LOGIN.state(row)
    if not can_resend(login.request_id):
        flash(
            "Vous avez déjà demandé trois SMS pour cette connexion : attendez leur arrivée (jusqu'à 15 minutes) "
            "ou recommencez la connexion.",
            "error",
        )
        return redirect(url_for(".sms"))
    send_challenge(
        account,
        login.request_id,
        login.phone,
        purpose="eulogin_login",
        what="de connexion",
    )
    flash("Un nouveau SMS a été envoyé : seul le code du dernier SMS reçu est valable.", "info")
    return redirect(url_for(".sms"))


def _finish(account: Account, method: str, phone: str | None, service: str | None):
    LOGIN.signed_in(
        account,
        second_factor=METHOD_SMS if method == METHOD_SMS else None,
        reason=f"EU Login : {METHODS_FR[method]}",
        state=SingleSignOn(method=method, phone=phone),
    )
    flash(f"Vous êtes connecté à EU Login (méthode « {METHODS_FR[method]} »).", "success")
    return redirect(after_login_url(service_of(service)))


def _out_of_order():
    flash(OUT_OF_ORDER_FR, "error")
    return redirect(url_for(".login"))


@eulogin_bp.post("/deconnexion")
def logout():
    if FlaskForm().validate_on_submit():
        sessions.end()
        flash("Vous êtes déconnecté d'EU Login.", "info")
    back = url_for("traces.home") if request.args.get("service") == "traces" else url_for(".login")
    return redirect(back)


@eulogin_bp.get("/mot-de-passe-perdu")
def lost_password():
    return render_template("eulogin/lost_password.html")
