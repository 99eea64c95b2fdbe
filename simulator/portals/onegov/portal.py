"""« Mon portail », reached from the user menu at the top right (seed 003): login
information, password change, the two-factor switch, the applications the user may use,
and the recent logins (date in sandbox time, browser, success or failure, 2FA or not).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from ...services import logins, passwords, state
from ...services.sessions import end_all
from ...store import Account
from ...web.context import ctx, hash_method
from . import browsers, reset_tokens
from .common import (
    FORBIDDEN,
    PORTAL,
    REQUIRED,
    bp,
    login_required,
    must_enrol,
    password_notice,
    policy,
    sessions,
    totp_factor,
)
from .forms import ChangePasswordForm
from .login import ENROL_FIRST_FR

APPLICATIONS = (
    (
        "App pour les séances",
        "Préparer et consulter les séances, les ordres du jour et les procès-verbaux.",
    ),
    ("GED — documents", "Gestion électronique des documents de l'organisation."),
    ("Agenda des commissions", "Dates et convocations des commissions."),
)
RECENT_SHOWN = 10


@bp.get("/portail")
@login_required
def portal(account: Account):
    if must_enrol(account):
        flash(ENROL_FIRST_FR, "info")
        return redirect(url_for(".setup"))
    context = ctx()
    events = [
        (event, browsers.label(event.user_agent))
        for event in logins.recent(context, account, RECENT_SHOWN)
    ]
    return render_template(
        "onegov/portal.html",
        account=account,
        session_row=sessions.current(),
        factor=totp_factor(account),
        policy=policy(context),
        FORBIDDEN=FORBIDDEN,
        REQUIRED=REQUIRED,
        applications=APPLICATIONS,
        events=events,
    )


@bp.route("/portail/mot-de-passe", methods=["GET", "POST"])
@login_required
def change_password(account: Account):
    context = ctx()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        checked, verdict = passwords.check(context, PORTAL, account.username, form.current.data)
        problems = passwords.strength_problems(form.new.data, account.username)
        if checked is None:
            form.current.errors = [
                verdict.message if verdict.locked_until else "Mot de passe actuel incorrect."
            ]
        elif problems:
            form.new.errors = ["Le mot de passe doit comporter " + ", ".join(problems) + "."]
        else:
            return _changed(account, form.new.data)
    return render_template("onegov/change_password.html", form=form), 400 if form.errors else 200


def _changed(account: Account, new: str):
    """Other browsers are logged out; this one gets a fresh session of the same kind."""
    context = ctx()
    persistent = sessions.current().persistent
    passwords.change(context, account, new, hash_method())
    state.transform_account_state(account, reset_tokens.void)
    end_all(context, account, PORTAL)
    sessions.start(account, authenticated=True, persistent=persistent)
    password_notice(context, account)
    flash(
        "Votre mot de passe a été modifié. Vos autres appareils devront se reconnecter.", "success"
    )
    return redirect(url_for(".portal"))
