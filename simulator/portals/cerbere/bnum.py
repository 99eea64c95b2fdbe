"""The BNUM: the ministry workspace where the authenticator app is set up first.

Its « Sécurité / Authentification à deux facteurs » page shows a QR code whose secret stays
in the BNUM session until a code from the app confirms it (only then is the factor saved).
Once the factor exists, logging in to the BNUM asks for a code too.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...domain.paths import local_path
from ...services import factors, logins, passwords, qr, second_factor
from ...web.code_step import CodeStep
from ...web.context import ctx
from . import common
from .common import bnum_sessions as sessions
from .forms import CodeForm, LoginForm

bp = Blueprint("bnum", __name__, url_prefix="/bnum", template_folder="templates")
ISSUER = "BNUM"
FLOW = "login"


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
        context = ctx()
        account, verdict = passwords.check(
            context, common.PORTAL, form.username.data, form.password.data
        )
        if account is None:
            form.password.errors = [verdict.message]
        elif common.bnum_factor(account) is not None:
            sessions.begin(account, FLOW, "code", suite=_next())
            return redirect(url_for(".code"))
        else:
            sessions.start(account, authenticated=True)
            logins.record(
                context,
                account,
                success=True,
                second_factor=None,
                reason="BNUM : mot de passe seul",
                user_agent=request.user_agent.string,
            )
            return redirect(_next())
    return render_template("bnum/login.html", form=form), (400 if form.errors else 200)


def _start_over():
    flash("Commencez par saisir votre identifiant et votre mot de passe.", "error")
    return redirect(url_for(".login"))


def _signed_in(account, row):
    suite = row.data.get("suite") or url_for(".home")
    sessions.start(account, authenticated=True)
    logins.record(
        ctx(),
        account,
        success=True,
        second_factor="totp",
        reason="BNUM : code accepté",
        user_agent=request.user_agent.string,
    )
    return redirect(suite)


CODE_STEP = CodeStep(
    sessions,
    FLOW,
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
        context = ctx()
        secret = row.data.get("pending_secret") or factors.new_pending_secret(context)
        row.data = {**row.data, "pending_secret": secret}
        shown = qr.show_totp(context, secret, account.email, ISSUER)
    notice = row.data.get("notice")
    if notice:
        row.data = {k: v for k, v in row.data.items() if k != "notice"}
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
    secret = row.data.get("pending_secret")
    if secret is None or common.bnum_factor(account) is not None:
        flash(
            "Affichez d'abord le code QR de la page « Authentification à deux facteurs ».", "error"
        )
        return redirect(url_for(".security"))
    form = CodeForm()
    if form.validate_on_submit():
        verdict, _factor = factors.confirm_totp(
            ctx(), account, secret, form.code.data, name=common.BNUM_FACTOR, portal="bnum"
        )
        if verdict.ok:
            data = {k: v for k, v in row.data.items() if k != "pending_secret"}
            row.data = {**data, "notice": "activated"}
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
