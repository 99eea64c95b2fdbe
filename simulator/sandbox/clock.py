"""The sandbox clock page: move time forward to see codes, links and cookies expire."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ..domain.clock import format_fr
from ..domain.paths import local_path
from ..services import records
from ..web.context import ctx

bp = Blueprint("clock", __name__, url_prefix="/horloge")

STEPS = {
    "5min": (timedelta(minutes=5), "+5 min"),
    "30min": (timedelta(minutes=30), "+30 min"),
    "1jour": (timedelta(days=1), "+1 jour"),
    "6mois": (timedelta(days=183), "+6 mois"),
}


@bp.get("/")
def home():
    context = ctx()
    return render_template(
        "sandbox/clock.html",
        steps=STEPS,
        form=FlaskForm(),
        now=context.now(),
        wall=context.wall_now(),
        offset=timedelta(seconds=context.sandbox.clock_offset_seconds),
    )


@bp.post("/avancer/<step>")
def advance(step: str):
    if step not in STEPS:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    delta, label = STEPS[step]
    context.sandbox.clock_offset_seconds += int(delta.total_seconds())
    records.clock_moved(context, int(delta.total_seconds()))
    flash(
        f"Horloge avancée ({label}) : il est maintenant le {format_fr(context.now())}.", "success"
    )
    return redirect(_back())


@bp.post("/heure-reelle")
def real_time():
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    records.clock_moved(context, -context.sandbox.clock_offset_seconds)
    context.sandbox.clock_offset_seconds = 0
    flash("Horloge revenue à l'heure réelle.", "success")
    return redirect(_back())


def _back() -> str:
    return local_path(request.form.get("next")) or url_for(".home")
