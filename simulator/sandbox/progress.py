"""The trainee's side of a class: joining with a passcode, and the progress page."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..services import classes, exercises, lures, sandboxes
from ..web.context import adopt, ctx
from . import faults

bp = Blueprint("progress", __name__)
LURE_SENT = (
    "Exercice lancé : un message vient d'arriver dans votre messagerie ou sur votre téléphone. "
    "Traitez-le comme au bureau."
)


class JoinForm(FlaskForm):
    passcode = StringField(
        "Code de la séance",
        validators=[
            DataRequired("Saisissez le code donné par votre formateur."),
            Length(max=20, message="Code trop long."),
        ],
    )


@bp.route("/rejoindre", methods=["GET", "POST"])
def join():
    form = JoinForm(
        data={"passcode": request.args.get("code", "")[:20]} if request.method == "GET" else None
    )
    if form.validate_on_submit():
        passcode = classes.normalize_passcode(form.passcode.data)
        sandbox = sandboxes.find_by_passcode(g.db, passcode) if passcode else None
        if sandbox is not None:
            adopt(sandbox)
            flash(f"Bienvenue dans votre bac à sable de formation ({sandbox.label}).", "success")
            return redirect(url_for("sandbox.home"))
        form.passcode.errors = [
            "Code inconnu : vérifiez les 6 caractères de votre fiche (sans O ni I)."
        ]
    return render_template("sandbox/join.html", form=form), 400 if form.errors else 200


@bp.get("/progression")
def mine():
    context = ctx()
    done = exercises.progress(context)
    return render_template(
        "sandbox/progress.html",
        catalogue=exercises.CATALOGUE,
        done=done,
        form=FlaskForm(),
        faults=context.faults,
    )


@bp.post("/progression/<key>/incident")
def start_incident(key: str):
    exercise = exercises.BY_KEY.get(key)
    if exercise is None or (exercise.fault is None and exercise.lure is None):
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    if exercise.lure:
        lures.send(context, exercise.lure)
        flash(LURE_SENT, "info")
        return redirect(url_for(".mine"))
    value = exercises.FAULT_VALUES.get(exercise.fault, True)
    faults.apply(context, dataclasses.replace(context.faults, **{exercise.fault: value}))
    flash(f"Incident activé pour l'exercice « {exercise.title} ».", "info")
    return redirect(url_for(".mine"))


def init_app(app) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def _record_visit(response):
        if request.method == "GET" and response.status_code == 200 and g.get("ctx") is not None:
            exercises.record_visit(g.ctx, request.path)
        return response
