"""Account creation and 2FA set-up (seed 002, « Configuration de la 2FA »).

Invitation link → password → QR code and first six-digit code → recovery codes, shown once.
The secret waits in the server-side session until a code confirms it; the recovery codes
wait there too, in clear, only until the client says they are saved (or the set-up is
left), because they must be shown, copied, printed or downloaded once.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for

from ...domain.clock import format_fr
from ...services import passwords, state
from ...web.context import ctx, hash_method
from . import common, invitations
from .common import ENROLMENT, LOGIN, bp, sessions
from .forms import CodeForm, NewPasswordForm, SavedCodesForm
from .login import finish_login

APPS = ("Google Authenticator", "Okta Verify", "Microsoft Authenticator", "Authy")  # seed 002
LINK_PROBLEMS = {
    invitations.InvitationCheck.USED: (
        "Ce lien d'invitation a déjà été utilisé. Connectez-vous avec le mot de passe que vous avez choisi."
    ),
    invitations.InvitationCheck.EXPIRED: (
        "Ce lien d'invitation a expiré. Demandez à votre cabinet de vous envoyer une nouvelle invitation."
    ),
}

LINK_NO_LONGER_VALID = (
    "Ce lien d'invitation n'est plus valable : il a déjà servi, il a expiré ou une invitation plus récente "
    "l'a remplacé. Utilisez le lien du dernier courriel reçu de votre cabinet."
)


@bp.get("/invitation/<token>")
def accept_invitation(token: str):
    context = ctx()
    account = common.client_account(context)
    verdict = invitations.check(state.stored_account_state(account), token, context.now())
    if verdict is invitations.InvitationCheck.UNKNOWN:
        abort(404)
    if verdict is not invitations.InvitationCheck.OK:
        return render_template("karbon/link_problem.html", text=LINK_PROBLEMS[verdict]), 410
    LOGIN.begin(account, "password", invitation=invitations.hash_token(token))
    return redirect(url_for(".activation"))


@bp.route("/activation", methods=["GET", "POST"])
def activation():
    row, account = common.pending("password")
    if row is None:
        return common.out_of_order()
    context = ctx()
    form = NewPasswordForm()
    if form.validate_on_submit():
        problems = passwords.strength_problems(form.password.data, account.username)
        if problems:
            form.password.errors = ["Le mot de passe doit respecter : " + ", ".join(problems) + "."]
        elif not _invitation_still_valid(account, LOGIN.state(row).invitation):
            LOGIN.clear()
            return render_template("karbon/link_problem.html", text=LINK_NO_LONGER_VALID), 410
        else:
            passwords.change(context, account, form.password.data, hash_method())
            state.transform_account_state(account, lambda s: invitations.consumed(s, context.now()))
            if not common.requires_2fa(context):
                return finish_login(account, second_factor=None, reason="activation du compte")
            LOGIN.advance(row, "setup")
            return redirect(url_for(".setup"))
    return render_template(
        "karbon/activation.html", form=form, account=account
    ), 400 if form.errors else 200


def _invitation_still_valid(account, token_hash: str | None) -> bool:
    invitation = state.account_state(account).invitation
    return (
        token_hash is not None
        and invitation is not None
        and invitation.token_hash == token_hash
        and invitation.used_at is None
        and ctx().now() < invitation.expires_at
    )


@bp.route("/configuration-2fa", methods=["GET", "POST"])
def setup():
    row, account = common.pending("setup")
    if row is None:
        return common.out_of_order()
    secret = ENROLMENT.begin(row)
    form = CodeForm()
    if form.validate_on_submit():
        verdict = ENROLMENT.confirm(account, row, form.code.data)
        if verdict.ok:
            LOGIN.advance(row, "codes")
            return redirect(url_for(".recovery_codes"))
        form.code.errors = [verdict.message]
    code_qr = ENROLMENT.shown(account, secret)
    return render_template(
        "karbon/setup.html", form=form, qr=code_qr, apps=APPS
    ), 400 if form.errors else 200


def _fresh_codes():
    """The session holding codes just generated: (row, account, during_setup) or Nones."""
    row, account = common.pending("codes")
    if row is not None:
        return row, account, True
    account = sessions.account()
    row = sessions.current()
    if account is not None and ENROLMENT.recovery_codes_shown(row):
        return row, account, False
    return None, None, False


@bp.route("/codes-de-recuperation", methods=["GET", "POST"])
def recovery_codes():
    row, account, during_setup = _fresh_codes()
    if row is None:
        return common.out_of_order()
    form = SavedCodesForm()
    if form.validate_on_submit():
        ENROLMENT.forget_recovery_codes(row)
        if during_setup:
            flash("L'authentification à deux facteurs est activée sur votre compte.", "success")
            return finish_login(account, second_factor="totp", reason="configuration de la 2FA")
        flash(
            "Vos nouveaux codes de récupération sont en service ; les anciens ne fonctionnent plus.",
            "success",
        )
        return redirect(url_for(".home"))
    return render_template(
        "karbon/codes.html",
        form=form,
        codes=ENROLMENT.recovery_codes_shown(row),
        account=account,
        downloaded=ENROLMENT.codes_downloaded(row),
    ), 400 if form.errors else 200


@bp.get("/codes-de-recuperation.txt")
def download_codes():
    row, account, _during_setup = _fresh_codes()
    if row is None:
        return common.out_of_order()
    if ENROLMENT.codes_downloaded(row):
        flash(
            "Le fichier a déjà été téléchargé une fois : copiez ou imprimez les codes affichés.",
            "error",
        )
        return redirect(url_for(".recovery_codes"))
    ENROLMENT.mark_downloaded(row)
    lines = [
        f"{common.PORTAL_NAME} (simulation) - codes de récupération",
        f"Compte : {account.username}",
        f"Générés le {format_fr(ctx().now())}",
        "",
        "Chaque code ne fonctionne qu'une seule fois. Gardez ce fichier en lieu sûr, hors du téléphone.",
        "",
        *[
            f"{number:2d}. {code}"
            for number, code in enumerate(ENROLMENT.recovery_codes_shown(row), 1)
        ],
        "",
    ]
    return Response(
        "\r\n".join(lines),
        mimetype="text/plain",
        headers={"Content-Disposition": 'attachment; filename="codes-recuperation-karbon.txt"'},
    )
