"""TRACES NT: the MFA notice of 11 June 2024 and the intra-community certificate that stays
blocked while the EU Login session was opened with a password only (seed 004, « Principe »)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from ...services import state
from ...web.context import ctx
from .common import METHOD_SMS, sessions, signed_in_method, traces_bp
from .forms import DESTINATIONS, GOODS, CertificateForm

MFA_DATE_FR = "11 juin 2024"


def _certificates(account) -> list[state.Certificate]:
    return state.account_state(account).traces_certificates


def _shown(account) -> list[dict]:
    return [{**c.model_dump(), "created": c.created_at} for c in _certificates(account)]


@traces_bp.get("/")
def home():
    account = sessions.account()
    return render_template(
        "traces/home.html",
        account=account,
        certificates=_shown(account) if account else [],
        mfa_date=MFA_DATE_FR,
    )


@traces_bp.get("/connexion")
def login():
    if sessions.account() is not None:
        return redirect(url_for(".home"))
    return redirect(url_for("eulogin.login", service="traces"))


def _login_first():
    flash("Connectez-vous d'abord à TRACES NT avec EU Login.", "info")
    return redirect(url_for(".home"))


@traces_bp.get("/profil")
def profile():
    account = sessions.account()
    if account is None:
        return _login_first()
    return render_template("traces/profile.html", account=account)


@traces_bp.route("/certificats/nouveau", methods=["GET", "POST"])
def new_certificate():
    account = sessions.account()
    if account is None:
        return _login_first()
    if signed_in_method() != METHOD_SMS:
        return render_template("traces/blocked.html", mfa_date=MFA_DATE_FR), 403
    form = CertificateForm()
    if form.validate_on_submit():
        existing = _certificates(account)
        now = ctx().now()
        reference = f"INTRA.FR.{now.year}.{len(existing) + 1:07d}"
        record = state.Certificate(
            reference=reference,
            goods=form.goods.data,
            destination=form.destination.data,
            created_at=now,
        )
        state.change_account_state(account, traces_certificates=[record, *existing])
        flash(f"Certificat {reference} créé (brouillon).", "success")
        return redirect(url_for(".certificate", reference=reference))
    return render_template("traces/certificate_new.html", form=form), 400 if form.errors else 200


@traces_bp.get("/certificats/<reference>")
def certificate(reference: str):
    account = sessions.account()
    if account is None:
        return _login_first()
    found = next((c for c in _shown(account) if c["reference"] == reference), None)
    if found is None:
        abort(404)
    return render_template(
        "traces/certificate.html",
        certificate=found,
        goods=dict(GOODS),
        destinations=dict(DESTINATIONS),
    )
