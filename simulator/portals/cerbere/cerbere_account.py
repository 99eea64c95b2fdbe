"""Cerbère's « Mon compte »: adding the « OTP Mél » method with a code from the BNUM's app.

Seed 001: the method is added with a code from the authenticator configured for the BNUM,
so the code is checked against the BNUM factor (replay and lockout included) and Cerbère
keeps its own copy of that secret. Without BNUM 2FA the page explains the prerequisite.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from ...services import factors
from ...services import sessions as session_rows
from ...services.sessions import SessionState
from ...store import Factor
from ...web.context import ctx
from . import common
from .cerbere_login import bp
from .common import CerbereSession
from .common import cerbere_sessions as sessions
from .forms import METHODS, CodeForm, MethodForm


class AddingMethod(SessionState):
    """The method chosen on « Mon compte », waiting for its code (« OTP Mél »)."""

    adding: str | None = None


def _signed_in():
    row = sessions.current()
    account = sessions.account()
    if account is None:
        flash("Connectez-vous à Cerbère pour gérer votre compte.", "info")
    return row, account


@bp.get("/compte")
def account():
    return account_page()


def account_page(form: MethodForm | None = None, *, prerequisite: bool = False, status: int = 200):
    row, account = _signed_in()
    if account is None:
        return redirect(url_for(".login"))
    cerbere = session_rows.state(row, CerbereSession)
    if cerbere.notice:  # shown once
        session_rows.forget(row, CerbereSession, "notice")
    return render_template(
        "cerbere/account.html",
        account=account,
        method=common.otp_mel(account),
        form=form or MethodForm(),
        prerequisite=prerequisite,
        notice=cerbere.notice,
        strong=cerbere.level == common.LEVEL_2FA,
        methods=METHODS,
    ), status


@bp.post("/compte/methodes")
def add_method():
    row, account = _signed_in()
    if account is None:
        return redirect(url_for(".login"))
    form = MethodForm()
    if not form.validate_on_submit():
        return account_page(form, status=400)
    if common.otp_mel(account) is not None:
        flash("La méthode « OTP Mél » est déjà active sur votre compte.", "info")
        return redirect(url_for(".account"))
    if common.bnum_factor(account) is None:
        return account_page(form, prerequisite=True, status=409)
    session_rows.change(row, AddingMethod, adding=common.OTP_MEL)
    return redirect(url_for(".otp_mel"))


@bp.route("/compte/otp-mel", methods=["GET", "POST"])
def otp_mel():
    row, account = _signed_in()
    if account is None:
        return redirect(url_for(".login"))
    bnum = common.bnum_factor(account)
    if (
        session_rows.state(row, AddingMethod).adding != common.OTP_MEL
        or bnum is None
        or common.otp_mel(account) is not None
    ):
        flash(
            "Choisissez d'abord l'option « OTP Mél », puis cliquez sur « Ajouter méthode ».",
            "error",
        )
        return redirect(url_for(".account"))
    form = CodeForm()
    if form.validate_on_submit():
        context = ctx()
        verdict = factors.verify_totp(context, account, bnum, form.code.data)
        if verdict.ok:
            _record_method(account, bnum)
            sessions.start(
                account,
                authenticated=True,  # stronger now: a new session identifier
                state=CerbereSession(
                    level=common.LEVEL_2FA,
                    service=session_rows.state(row, CerbereSession).service,
                    notice="otp_mel",
                ),
            )
            return redirect(url_for(".account"))
        form.code.errors = [verdict.message]
    return render_template("cerbere/otp_mel.html", form=form), (400 if form.errors else 200)


def _record_method(account, bnum: Factor) -> None:
    factors.share_totp(
        ctx(),
        account,
        bnum,
        name=common.OTP_MEL,
        portal="cerbere",
        notice="La méthode d'authentification à deux facteurs « OTP Mél » a été ajoutée à votre compte Cerbère.",
    )
