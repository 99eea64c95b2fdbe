"""The firm's side (minimal): « exiger la 2FA pour le portail client », the client list with
each client's 2FA state, the invitation, and « Réinitialiser la 2FA » for a client who lost
the phone and every recovery code.

In the sandbox the trainee plays the accountant too, without a second login. A reset goes
through ``factors.reset_second_factor`` (secret, recovery codes and trusted devices void)
and ends the client's open sessions, so the next login goes through the set-up again.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ...services import factors, qr, sessions, state
from ...store import Account
from ...web.context import ctx
from . import common, invitation_mail
from .forms import FirmSettingsForm

bp = Blueprint(
    "karbon_cabinet", __name__, url_prefix="/karbon-cabinet", template_folder="templates"
)


@bp.context_processor
def _portal_css() -> dict:
    return {"portal_css": "karbon", "firm": common.FIRM}


def _client(account_id: int) -> Account:
    """A client of this sandbox's firm; anything else (another sandbox's) is a 404."""
    account = sessions.account_in_sandbox(ctx(), account_id, common.PORTAL)
    if account is None:
        abort(404)
    return account


def client_row(account: Account) -> dict:
    context = ctx()
    kept = state.account_state(account)
    invitation = kept.invitation
    return {
        "account": account,
        "invited_at": invitation.issued_at if invitation else None,
        "invitation_expired": invitation is not None and context.now() >= invitation.expires_at,
        "activated_at": kept.activated_at,
        "factor": common.totp_factor(account),
        "reset_at": kept.reset_at,
        "codes_left": factors.recovery_codes_left(context, account),
    }


@bp.get("/")
def clients():
    context = ctx()
    form = FirmSettingsForm(require_2fa=common.requires_2fa(context))
    return render_template(
        "karbon/cabinet.html",
        form=form,
        rows=[client_row(common.client_account(context))],
        action_form=FlaskForm(),
    )


@bp.post("/parametres")
def settings():
    form = FirmSettingsForm()
    if not form.validate_on_submit():
        abort(400)
    common.set_requires_2fa(ctx(), form.require_2fa.data)
    flash(
        "2FA exigée pour le portail client."
        if form.require_2fa.data
        else "La 2FA n'est plus exigée pour le portail client.",
        "success",
    )
    return redirect(url_for(".clients"))


@bp.post("/clients/<int:account_id>/invitation")
def invite(account_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    account = _client(account_id)
    if common.is_activated(account):
        flash(f"{account.display_name} a déjà activé son compte.", "info")
        return redirect(url_for(".clients"))
    invitation_mail.send(ctx(), account)
    flash(f"Invitation envoyée à {account.email} (l'ancien lien ne fonctionne plus).", "success")
    return redirect(url_for(".clients"))


@bp.route("/clients/<int:account_id>/reinitialiser-2fa", methods=["GET", "POST"])
def reset(account_id: int):
    account = _client(account_id)
    form = FlaskForm()
    if common.totp_factor(account) is None:
        flash(
            f"{account.display_name} n'a pas d'authentification à deux facteurs à réinitialiser.",
            "info",
        )
        return redirect(url_for(".clients"))
    if not form.validate_on_submit():
        return render_template("karbon/cabinet_reset.html", form=form, row=client_row(account))
    context = ctx()
    qr.forget_secret(context, common.totp_factor(account).secret)
    factors.reset_second_factor(context, account, portal=common.PORTAL)
    state.change_account_state(account, reset_at=context.now())
    sessions.end_all(context, account, sessions.EVERY_PORTAL)
    flash(
        f"La 2FA de {account.display_name} est réinitialisée : à sa prochaine connexion, "
        "votre client configurera un nouvel appareil.",
        "success",
    )
    return redirect(url_for(".clients"))
