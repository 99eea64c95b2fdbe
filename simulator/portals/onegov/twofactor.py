"""The two-factor switch of « Mon portail »: set-up by QR code and « Code de confirmation »,
and deactivation, which asks for a current code.

The new secret waits in the server-side session until a code confirms it (the service saves
the factor only then). The organisation policy decides: « interdite » greys the switch out
and refuses the set-up; « obligatoire » refuses the deactivation.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ...services import factors
from ...store import Account
from ...web.context import ctx
from ...web.enrolment_step import EnrolmentStep
from .common import (
    FACTOR_NAME,
    FORBIDDEN,
    NAME,
    PORTAL,
    REQUIRED,
    bp,
    login_required,
    policy,
    sessions,
    totp_factor,
)
from .forms import ConfirmationForm

ACTIVATED_FR = "L'authentification à 2 facteurs est maintenant liée à votre compte."
FORBIDDEN_FR = (
    "L'activation de l'authentification à deux facteurs dépend de la configuration de votre système : "
    "votre organisation ne la permet pas. Veuillez contacter la personne responsable de votre système."
)
ENROLMENT = EnrolmentStep(PORTAL, FACTOR_NAME, NAME)


@bp.route("/portail/2fa/configuration", methods=["GET", "POST"])
@login_required
def setup(account: Account):
    context, row = ctx(), sessions.current()
    if policy(context) == FORBIDDEN:
        flash(FORBIDDEN_FR, "error")
        return redirect(url_for(".portal"))
    if totp_factor(account) is not None:
        flash("L'authentification à deux facteurs est déjà activée sur votre compte.", "info")
        return redirect(url_for(".portal"))
    secret = ENROLMENT.require(row)
    if secret is None:
        if request.method == "POST":  # a confirmation without a QR code shown first
            flash(
                "La configuration n'était pas commencée : scannez le code QR ci-dessous, puis saisissez le code.",
                "error",
            )
            return redirect(url_for(".setup"))
        secret = ENROLMENT.begin(row)
    form = ConfirmationForm()
    if form.validate_on_submit():
        verdict = ENROLMENT.confirm(account, row, form.code.data)
        if verdict.ok:
            flash(ACTIVATED_FR, "success")
            return redirect(url_for(".portal"))
        form.code.errors = [verdict.message]
    code = ENROLMENT.shown(account, secret)
    return render_template(
        "onegov/setup.html", form=form, qr=code, required=policy(context) == REQUIRED
    ), 400 if form.errors else 200


@bp.route("/portail/2fa/desactivation", methods=["GET", "POST"])
@login_required
def deactivate(account: Account):
    context = ctx()
    factor = totp_factor(account)
    if factor is None:
        flash("L'authentification à deux facteurs n'est pas activée sur votre compte.", "info")
        return redirect(url_for(".portal"))
    if policy(context) == REQUIRED:
        flash(
            "Votre organisation exige l'authentification à deux facteurs : elle ne peut pas être désactivée.",
            "error",
        )
        return redirect(url_for(".portal"))
    form = ConfirmationForm()
    if form.validate_on_submit():
        verdict = factors.verify_totp(context, account, factor, form.code.data)
        if verdict.ok:
            factors.remove(
                context,
                account,
                factor,
                portal=PORTAL,
                notice=f"L'authentification à deux facteurs a été désactivée sur votre compte {NAME}.",
            )
            flash(
                "L'authentification à deux facteurs est désactivée : seul votre mot de passe vous sera demandé.",
                "success",
            )
            return redirect(url_for(".portal"))
        form.code.errors = [verdict.message]
    return render_template("onegov/deactivate.html", form=form), 400 if form.errors else 200
