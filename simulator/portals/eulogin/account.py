"""« Mon compte sur EU Login » and « Gérer mes numéros de téléphone portable » (seed 004,
steps 4 to 8): a number is added only once the SMS « challenge » code sent to it is typed
(« Finaliser »); until then it lives in the session, never in the account."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ...domain import phones
from ...domain.outbox import mask_phone
from ...services import challenges, factors, passwords, records, second_factor
from ...services import sessions as session_rows
from ...services.sessions import SessionState
from ...web.context import ctx, hash_method
from .common import (
    PORTAL,
    can_resend,
    eulogin_bp,
    login_required,
    send_challenge,
    sessions,
    signed_in_method,
    sms_factors,
)
from .forms import AddPhoneForm, ChallengeForm, ChangePasswordForm

MAX_PHONES = 5
NO_PENDING_FR = "Aucun ajout de numéro en cours : saisissez d'abord le numéro à ajouter."


class NewNumber(SessionState):
    """A number being added: where its « challenge » SMS went, and for which request."""

    phone: str
    request_id: str


class AddingPhone(SessionState):
    """The logged-in session while a number waits for its code (« enrol »)."""

    enrol: NewNumber | None = None


@eulogin_bp.get("/compte")
@login_required
def account():
    return render_template(
        "eulogin/account.html",
        account=sessions.account(),
        method=signed_in_method(),
    )


@eulogin_bp.get("/compte/informations")
@login_required
def informations():
    return render_template("eulogin/informations.html", account=sessions.account())


@eulogin_bp.get("/compte/telephones")
@login_required
def phone_list():
    account = sessions.account()
    return render_template(
        "eulogin/phones.html",
        numbers=sms_factors(account),
        remove_form=FlaskForm(),
        pending=_pending(),
    )


@eulogin_bp.route("/compte/telephones/ajouter", methods=["GET", "POST"])
@login_required
def add_phone():
    context, account = ctx(), sessions.account()
    form = AddPhoneForm()
    if form.validate_on_submit():
        number = phones.parse_mobile(form.phone.data)
        if not number.ok:
            form.phone.errors = [number.message(phones.international(context.persona.mobile))]
        elif number.e164 in [f.phone for f in sms_factors(account)]:
            form.phone.errors = ["Ce numéro est déjà associé à votre compte EU Login."]
        elif len(sms_factors(account)) >= MAX_PHONES:
            form.phone.errors = [
                f"Vous avez déjà {MAX_PHONES} numéros : supprimez-en un avant d'en ajouter un autre."
            ]
        else:
            if _pending() is not None:  # a new number replaces an unfinished one: its code dies
                challenges.void_request(context, _pending().request_id)
            request_id = context.token()
            session_rows.change(
                sessions.current(),
                AddingPhone,
                enrol=NewNumber(phone=number.e164, request_id=request_id),
            )
            send_challenge(
                account,
                request_id,
                number.e164,
                purpose="eulogin_add_phone",
                what="pour l'ajout de ce numéro",
            )
            return redirect(url_for(".confirm_phone"))
    return render_template("eulogin/phone_add.html", form=form), 400 if form.errors else 200


def _pending() -> NewNumber | None:
    row = sessions.current()
    return session_rows.state(row, AddingPhone).enrol if row is not None else None


def _forget_pending() -> None:
    session_rows.forget(sessions.current(), AddingPhone, "enrol")


@eulogin_bp.route("/compte/telephones/confirmer", methods=["GET", "POST"])
@login_required
def confirm_phone():
    pending = _pending()
    if pending is None:
        flash(NO_PENDING_FR, "error")
        return redirect(url_for(".add_phone"))
    context, account = ctx(), sessions.account()
    form = ChallengeForm()
    if form.validate_on_submit():
        verdict = second_factor.attempt(
            context,
            account,
            second_factor.sent_code("sms"),
            pending.request_id,
            form.code.data,
            step=records.ENROLMENT_STEP,
        )
        if verdict.ok:
            _register(account, pending.phone)
            return redirect(url_for(".phone_list"))
        form.code.errors = [verdict.message]
    return render_template(
        "eulogin/phone_confirm.html",
        form=form,
        phone=pending.phone,
        other_form=FlaskForm(),
        can_resend=can_resend(pending.request_id),
    ), 400 if form.errors else 200


def _register(account, e164: str) -> None:
    """« Finaliser »: now, and only now, the number belongs to the account."""
    _forget_pending()
    factors.add_phone(
        ctx(),
        account,
        e164,
        portal=PORTAL,
        notice=f"Le numéro de téléphone portable {mask_phone(e164)} a été associé à votre compte EU Login.",
    )
    flash(
        "Votre numéro de téléphone est désormais associé à votre compte EU Login : vous pouvez vous connecter "
        "avec la méthode « Téléphone portable + SMS ».",
        "success",
    )


@eulogin_bp.post("/compte/telephones/renvoyer")
@login_required
def resend_phone():
    pending = _pending()
    if pending is None:
        flash(NO_PENDING_FR, "error")
        return redirect(url_for(".add_phone"))
    if not can_resend(pending.request_id):
        flash(
            "Vous avez déjà demandé trois SMS pour ce numéro : attendez leur arrivée (jusqu'à 15 minutes) "
            "ou annulez et recommencez l'ajout.",
            "error",
        )
    else:
        send_challenge(
            sessions.account(),
            pending.request_id,
            pending.phone,
            purpose="eulogin_add_phone",
            what="pour l'ajout de ce numéro",
        )
        flash("Un nouveau SMS a été envoyé : seul le code du dernier SMS reçu est valable.", "info")
    return redirect(url_for(".confirm_phone"))


@eulogin_bp.post("/compte/telephones/annuler")
@login_required
def cancel_phone():
    pending = _pending()
    if pending is not None:
        challenges.void_request(ctx(), pending.request_id)
        _forget_pending()
        flash("Ajout annulé : aucun numéro n'a été enregistré.", "info")
    return redirect(url_for(".phone_list"))


@eulogin_bp.post("/compte/telephones/<int:factor_id>/supprimer")
@login_required
def remove_phone(factor_id: int):
    account = sessions.account()
    factor = next((f for f in sms_factors(account) if f.id == factor_id), None)
    if factor is None:
        abort(404)
    factors.remove(
        ctx(),
        account,
        factor,
        portal=PORTAL,
        notice=f"Le numéro de téléphone portable {mask_phone(factor.phone)} a été retiré de votre compte EU Login.",
    )
    flash(
        f"Le numéro {phones.international(factor.phone)} a été supprimé de votre compte.", "success"
    )
    return redirect(url_for(".phone_list"))


@eulogin_bp.route("/compte/mot-de-passe", methods=["GET", "POST"])
@login_required
def change_password():
    context, account = ctx(), sessions.account()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        checked, verdict = passwords.check(context, PORTAL, account.username, form.current.data)
        problems = passwords.strength_problems(form.new.data, account.username)
        if checked is None:
            form.current.errors = [
                verdict.message if verdict.locked_until else "Mot de passe actuel incorrect."
            ]
        elif problems:
            form.new.errors = [
                "Le nouveau mot de passe doit comporter " + ", ".join(problems) + "."
            ]
        else:
            passwords.change(context, account, form.new.data, hash_method())
            factors.notify_factor_change(
                context, account, PORTAL, "Votre mot de passe EU Login a été modifié."
            )
            flash("Votre mot de passe EU Login a été modifié.", "success")
            return redirect(url_for(".account"))
    return render_template("eulogin/password_change.html", form=form), 400 if form.errors else 200
