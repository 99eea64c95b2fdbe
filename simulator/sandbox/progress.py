"""The trainee's side of a class: joining with a passcode, and the progress page."""

from __future__ import annotations

import dataclasses
import math

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..domain.clock import to_paris
from ..services import classes, exercises, lures, records
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
    """Join a class with the passcode of one's sheet.

    A guesser who hits the throttle gets 429 Too Many Requests (with ``Retry-After``), not a
    400: the code typed may well be right, it was not even looked at; the status says so to
    scripts and proxies, and the page, the same form with its error, tells the trainee when to
    try again.
    """
    form = JoinForm(
        data={"passcode": request.args.get("code", "")[:20]} if request.method == "GET" else None
    )
    if not form.validate_on_submit():
        return render_template("sandbox/join.html", form=form), 400 if form.errors else 200
    now = current_app.extensions["sim.wall_clock"].now()
    address = classes.address_key(request.remote_addr, current_app.config["SECRET_KEY"])
    attempt = classes.join(g.db, form.passcode.data, address, now)
    if attempt.sandbox is not None:
        adopt(attempt.sandbox)
        flash(
            f"Bienvenue dans votre bac à sable de formation ({attempt.sandbox.label}).", "success"
        )
        return redirect(url_for("sandbox.home"))
    if attempt.locked_until is None:
        form.passcode.errors = [
            "Code inconnu : vérifiez les deux groupes de caractères de votre fiche "
            "(4 puis 6, sans O ni I)."
        ]
        return render_template("sandbox/join.html", form=form), 400
    wait = math.ceil((attempt.locked_until - now).total_seconds())
    minutes = max(math.ceil(wait / 60), 1)
    form.passcode.errors = [
        "Trop de codes erronés en peu de temps : par sécurité, les codes ne sont plus vérifiés "
        f"pour l'instant. Réessayez dans {minutes} minute{'s' if minutes > 1 else ''}, "
        f"à partir de {to_paris(attempt.locked_until):%H:%M:%S}."
    ]
    response = current_app.make_response((render_template("sandbox/join.html", form=form), 429))
    response.headers["Retry-After"] = str(wait)
    return response


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
    records.warm()  # the walkthroughs' pages, read before gunicorn forks

    @app.after_request
    def _record_visit(response):
        if request.method == "GET" and response.status_code == 200 and g.get("ctx") is not None:
            exercises.record_visit(g.ctx, request.path)
            records.page(g.ctx, request.path)
        return response
