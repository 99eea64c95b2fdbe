"""Dynamic registration (the URL the Moodle administrator pastes) and the trainer's pages:
« Plateformes LTI » (activate or suspend a platform) and « Renvoyer les notes »."""

from __future__ import annotations

import requests
from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from pylti1p3.exception import LtiException

from ..config import is_loopback_url
from ..instructor import auth
from . import errors, grades, keys, registrations
from .dynamic import ToolRegistrar
from .pages import TimeoutSession, base_url, bp, external, refuse, secure, wall_now


@bp.get("/inscription")
def register():
    if not registrations.key_matches(current_app.config["SECRET_KEY"], request.args.get("cle")):
        return refuse(errors.REGISTRATION_KEY)
    configuration_url = (request.args.get("openid_configuration") or "")[:500]
    token = (request.args.get("registration_token") or "")[:4000]
    if not configuration_url.startswith(("http://", "https://")) or not token:
        return refuse(
            errors.REGISTRATION_FAILED,
            "Ouvrez cette adresse depuis « Gérer les outils » de Moodle, qui y ajoute sa "
            "configuration et son jeton d'enregistrement.",
        )
    registrar = ToolRegistrar(configuration_url, token, base_url(), TimeoutSession)
    try:
        row = registrar.register_and_record(g.db, wall_now())
    except (LtiException, requests.RequestException, ValueError, AssertionError, KeyError):
        return refuse(errors.REGISTRATION_FAILED)
    return render_template("lti/registered.html", registration=row)


# The trainer's page ------------------------------------------------------------------------


@bp.get("/plateformes")
@auth.required
def platforms():
    folder = current_app.config["LTI_KEY_FOLDER"]
    return render_template(
        "lti/platforms.html",
        registrations=registrations.all_registrations(g.db),
        form=FlaskForm(),
        registration_url=external(
            "lti.register", cle=registrations.invitation_key(current_app.config["SECRET_KEY"])
        ),
        jwks_url=external("lti.jwks"),
        key=keys.current(folder),
        https=secure(),
        loopback=is_loopback_url(base_url()),
    )


@bp.post("/plateformes/<int:registration_id>/<action>")
@auth.required
def platform_status(registration_id: int, action: str):
    if action not in ("activer", "suspendre"):
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        row = registrations.set_status(g.db, registration_id, action == "activer", wall_now())
    except LookupError:
        abort(404)
    flash(
        f"Plateforme {row.issuer} {'activée' if row.status == 'active' else 'suspendue'}.",
        "success",
    )
    return redirect(url_for(".platforms"))


@bp.post("/classes/<int:classroom_id>/renvoyer-notes")
@auth.required
def resend_grades(classroom_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    count = grades.resend(g.db, classroom_id)
    flash(f"{count} note(s) seront renvoyées à la plateforme dans la minute.", "success")
    return redirect(url_for("instructor.classroom", classroom_id=classroom_id))
