"""Login (seed 002, « Connexion avec la 2FA activée »): user name and password, then the
six-digit code and « Vérifier »; « Utiliser un code de récupération » when the phone is lost.

A client whose firm requires 2FA but who has no factor (first login after an accountant's
reset) is sent through the set-up again. Every outcome is recorded in the login history.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ...domain import recovery
from ...services import factors, second_factor, state
from ...web.code_step import CodeStep
from ...web.context import ctx
from . import common, invitation_mail
from .common import LOGIN, PASSWORD, bp, sessions
from .forms import CodeForm, LoginForm, RecoveryForm

NOT_ACTIVATED = (
    "Votre compte n'est pas encore activé : ouvrez l'invitation envoyée par votre cabinet et "
    "choisissez votre mot de passe."
)


@bp.get("/")
def index():
    return redirect(url_for(".home" if sessions.account() else ".login"))


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        account, verdict = PASSWORD.check(form.username.data, form.password.data)
        if account is not None and common.is_activated(account):
            common.scrub_shown_codes()
            return _after_password(account)
        error = NOT_ACTIVATED if account is not None else verdict.message
    account = common.client_account()
    status = 400 if (form.errors or error) else 200
    return render_template(
        "karbon/login.html",
        form=form,
        error=error,
        invite_form=FlaskForm(),
        invited=state.account_state(account).invitation is not None,
        activated=common.is_activated(account),
    ), status


@bp.post("/invitation")
def request_invitation():
    """Sandbox shortcut: the invitation the firm would send (the cabinet page does the same)."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    account = common.client_account()
    if common.is_activated(account):
        flash("Votre compte est déjà activé : connectez-vous avec votre mot de passe.", "info")
        return redirect(url_for(".login"))
    invitation_mail.send(ctx(), account)
    flash(
        "Votre cabinet vous a envoyé une invitation : ouvrez la messagerie du bac à sable.",
        "success",
    )
    return redirect(url_for(".login"))


def _after_password(account):
    context = ctx()
    if common.totp_factor(account) is not None:
        LOGIN.begin(account, "code")
        return redirect(url_for(".verify"))
    if common.requires_2fa(context):
        LOGIN.begin(account, "setup")
        if state.account_state(account).reset_at is not None:
            flash(
                "Votre comptable a réinitialisé votre 2FA : configurez votre nouvel appareil.",
                "info",
            )
        return redirect(url_for(".setup"))
    return finish_login(account, second_factor=None, reason="2FA non exigée par le cabinet")


def finish_login(account, *, second_factor: str | None, reason: str = ""):
    """A new authenticated session (new identifier), recorded in the history."""
    LOGIN.signed_in(account, second_factor=second_factor, reason=reason)
    return redirect(url_for(".home"))


def _recovered(account, _row):
    _flash_codes_left(factors.recovery_codes_left(ctx(), account))
    return finish_login(account, second_factor="recovery", reason="code de récupération")


VERIFY = CodeStep(
    LOGIN,
    "code",
    second_factor.authenticator(common.totp_factor),
    CodeForm,
    "karbon/verify.html",
    label="Karbon : application d'authentification",
    start_over=common.out_of_order,
    succeed=lambda account, _row: finish_login(account, second_factor="totp"),
)
RECOVERY = CodeStep(
    LOGIN,
    "code",
    second_factor.recovery_code(common.PORTAL),
    RecoveryForm,
    "karbon/recovery.html",
    label="Karbon : code de récupération",
    start_over=common.out_of_order,
    succeed=_recovered,
)


@bp.route("/verification", methods=["GET", "POST"])
def verify():
    return VERIFY.handle()


@bp.route("/verification/code-de-recuperation", methods=["GET", "POST"])
def use_recovery():
    return RECOVERY.handle()


def _flash_codes_left(left: int) -> None:
    if left == 0:
        flash(
            "Code de récupération accepté. C'était votre dernier code : générez-en de nouveaux "
            "maintenant, dans « Sécurité du compte ».",
            "error",
        )
    elif left <= recovery.LOW_WARNING:
        flash(
            f"Code de récupération accepté. Il ne vous reste que {left} code{'s' if left > 1 else ''} : "
            "générez-en de nouveaux dans « Sécurité du compte ».",
            "error",
        )
    else:
        flash(
            f"Code de récupération accepté. Il vous en reste {left}. Ce code ne fonctionnera plus.",
            "success",
        )


@bp.post("/deconnexion")
def logout():
    if not FlaskForm().validate_on_submit():
        abort(400)
    common.scrub_shown_codes()
    sessions.end()
    flash("Vous êtes déconnecté du portail client.", "success")
    return redirect(url_for(".login"))
