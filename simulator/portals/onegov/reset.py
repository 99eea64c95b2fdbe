"""« Mot de passe oublié ? »: an e-mail with a single-use link, then a new password.

The request page answers the same sentence whatever was typed, so it never tells whether an
identifier or an address has an account. The link expires after one hour of sandbox time and
serves once. Setting the new password does not log in: the trainee logs in again, and the
one-time password is asked as usual, so a stolen mailbox alone does not open the account.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from ...domain.clock import format_fr
from ...services import lockouts, messages, passwords, state
from ...services.sessions import end_all
from ...store import Account
from ...web.context import ctx, hash_method
from . import reset_tokens
from .common import (
    NAME,
    PORTAL,
    SENDER,
    bp,
    password_notice,
    sessions,
    totp_factor,
)
from .forms import ForgotForm, NewPasswordForm

MIN_INTERVAL_SECONDS = 60  # a double click sends one mail, not two


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
def forgotten():
    form = ForgotForm()
    if form.validate_on_submit():
        account = _find(form.identifier.data)
        if account is not None and _may_send(account):
            _send_link(account)
        return redirect(url_for(".forgotten_sent"))
    return render_template("onegov/forgotten.html", form=form), 400 if form.errors else 200


@bp.get("/mot-de-passe-oublie/envoye")
def forgotten_sent():
    return render_template("onegov/forgotten_sent.html")


def _find(identifier: str) -> Account | None:
    context, typed = ctx(), identifier.strip()
    if "@" not in typed:
        return passwords.find_account(context, PORTAL, typed)
    return passwords.find_by_email(context, PORTAL, typed)


def _may_send(account: Account) -> bool:
    last = reset_tokens.issued_at(state.stored_account_state(account))
    return last is None or (ctx().now() - last).total_seconds() >= MIN_INTERVAL_SECONDS


def _send_link(account: Account) -> None:
    context = ctx()
    token = context.token(24)
    state.transform_account_state(account, lambda s: reset_tokens.issue(s, token, context.now()))
    link = url_for(
        ".new_password", token=token
    )  # site-relative: the sandbox mailbox makes it a button
    until = format_fr(context.now() + reset_tokens.RESET_LIFETIME)
    messages.deliver_mail(
        context,
        sender=SENDER,
        recipient=account.email,
        portal=PORTAL,
        kind="password_reset",
        subject=f"{NAME} : réinitialisation de votre mot de passe",
        body=(
            f"Bonjour {account.display_name},\n\nVous avez demandé à réinitialiser le mot de passe de votre "
            f"compte {NAME} (identifiant : {account.username}).\n\nPour choisir un nouveau mot de passe, "
            f"ouvrez ce lien :\n[Définir un nouveau mot de passe]({link})\n\nCe lien ne fonctionne qu'une fois et expire le {until}.\n"
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe "
            "reste inchangé.\n\n(Message du simulateur de formation — aucune donnée réelle.)"
        ),
    )


@bp.route("/mot-de-passe/nouveau/<token>", methods=["GET", "POST"])
def new_password(token: str):
    context = ctx()
    account = context.account(PORTAL)
    outcome = reset_tokens.check(state.stored_account_state(account), token, context.now())
    if outcome is not reset_tokens.LinkCheck.OK:
        status = 404 if outcome is reset_tokens.LinkCheck.UNKNOWN else 410
        return render_template(
            "onegov/reset_refused.html", message=reset_tokens.MESSAGES_FR[outcome]
        ), status
    form = NewPasswordForm()
    if form.validate_on_submit():
        problems = passwords.strength_problems(form.new.data, account.username)
        if not problems:
            return _reset_done(account, form.new.data)
        form.new.errors = ["Le mot de passe doit comporter " + ", ".join(problems) + "."]
    return render_template(
        "onegov/new_password.html", form=form, token=token
    ), 400 if form.errors else 200


def _reset_done(account: Account, new: str):
    context = ctx()
    passwords.change(context, account, new, hash_method())
    state.transform_account_state(account, lambda s: reset_tokens.consume(s, context.now()))
    lockouts.clear(context, account, lockouts.PASSWORD)
    end_all(context, account, PORTAL)
    sessions.end()
    password_notice(context, account)
    extra = (
        " Le code de votre application d'authentification vous sera ensuite demandé."
        if totp_factor(account)
        else ""
    )
    flash(
        "Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe." + extra,
        "success",
    )
    return redirect(url_for(".login"))
