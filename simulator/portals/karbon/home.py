"""The client's portal once logged in: the firm's requests and « Sécurité du compte ».

The security card says how many recovery codes are left, warns when few remain, and
generates a new set (the old one stops working at once, and a notice is mailed).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ...domain import recovery
from ...services import factors, logins
from ...web.context import ctx
from . import common
from .common import bp, sessions

# What a client portal shows besides security: fictitious requests from the firm.
REQUESTS = (
    ("Relevés bancaires du 1er trimestre", "à transmettre"),
    ("Questionnaire de clôture de l'exercice", "à compléter"),
    ("Liasse fiscale à signer", "en préparation par le cabinet"),
)


def _logged_in_or_redirect():
    account = sessions.account()
    if account is None:
        flash("Connectez-vous pour accéder au portail client.", "info")
    return account


@bp.get("/accueil")
def home():
    account = _logged_in_or_redirect()
    if account is None:
        return redirect(url_for(".login"))
    context = ctx()
    left = factors.recovery_codes_left(context, account)
    return render_template(
        "karbon/home.html",
        account=account,
        factor=common.totp_factor(account),
        required=common.requires_2fa(context),
        codes_left=left,
        few_left=left <= recovery.LOW_WARNING,
        requests=REQUESTS,
        history=logins.recent(context, account, limit=5),
        form=FlaskForm(),
    )


@bp.post("/securite/nouveaux-codes")
def regenerate():
    if not FlaskForm().validate_on_submit():
        abort(400)
    account = _logged_in_or_redirect()
    if account is None:
        return redirect(url_for(".login"))
    if common.totp_factor(account) is None:
        flash("Configurez d'abord l'authentification à deux facteurs.", "error")
        return redirect(url_for(".home"))
    context = ctx()
    codes = factors.issue_recovery_codes(context, account)
    factors.notify_factor_change(
        context,
        account,
        common.PORTAL,
        "De nouveaux codes de récupération ont été générés : les anciens ne fonctionnent plus.",
    )
    common.ENROLMENT.show_recovery_codes(sessions.current(), codes)
    return redirect(url_for(".recovery_codes"))
