"""Phishing drills from the trainer's side: send a lure to one trainee or to the whole class,
at a chosen moment of their sandbox clock, and read the records (answer, time to answer,
page opened or not). Routes on the instructor's blueprint; the rules live in services.lures."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..domain.lures import LURES
from ..services import classes, lures, sandboxes
from ..web.context import make_context
from . import auth
from .views import _classroom, _member, bp

DELAYS_FR = {0: "tout de suite", 5: "dans 5 min", 15: "dans 15 min", 30: "dans 30 min"}


class LureForm(FlaskForm):
    lure = SelectField(
        "Message piège",
        id="lure-kind",
        choices=[SelectChoice(lure.key, lure.title) for lure in LURES],
        validators=[InputRequired("Choisissez un message piège.")],
    )
    delay = SelectField(
        "Arrivée (heure du bac à sable du stagiaire)",
        id="lure-delay",
        coerce=int,
        choices=[SelectChoice(m, DELAYS_FR[m]) for m in lures.DELAYS_MINUTES],
        validators=[InputRequired("Choisissez quand le message arrive.")],
    )


def panel(
    sandbox_ids: list[str], labels: dict[str, str], found: list[lures.Record] | None = None
) -> dict:
    """What the ``instructor/_lures.html`` partial needs (``found``: their drills, when the
    page read them already)."""
    order = {sandbox_id: i for i, sandbox_id in enumerate(sandbox_ids)}
    if found is None:
        found = lures.records(g.db, sandbox_ids)
    return {
        "lure_form": LureForm(),
        # the roster's order, then the time of arrival (sorted() keeps the query's order)
        "lure_records": sorted(found, key=lambda r: order[r.sandbox_id]),
        "lure_labels": labels,
    }


def _send(sandboxes, form: LureForm) -> int:
    for sandbox in sandboxes:
        lures.send(
            make_context(sandbox), form.lure.data, delay_minutes=form.delay.data, by="formateur"
        )
    return len(sandboxes)


@bp.post("/classes/<int:classroom_id>/leurre")
@auth.required
def send_to_class(classroom_id: int):
    room = _classroom(classroom_id)
    form = LureForm()
    if not form.validate_on_submit():
        abort(400)
    ids = [row.id for row in classes.members(g.db, room)]
    count = _send([sandboxes.get(g.db, sandbox_id) for sandbox_id in ids], form)
    flash(f"Message piège envoyé à {count} stagiaires ({DELAYS_FR[form.delay.data]}).", "success")
    return redirect(url_for(".classroom", classroom_id=room.id) + "#leurres")


@bp.post("/stagiaires/<sandbox_id>/leurre")
@auth.required
def send_to_trainee(sandbox_id: str):
    sandbox = _member(sandbox_id)
    form = LureForm()
    if not form.validate_on_submit():
        abort(400)
    _send([sandbox], form)
    flash(f"Message piège envoyé à {sandbox.label} ({DELAYS_FR[form.delay.data]}).", "success")
    return redirect(url_for(".trainee", sandbox_id=sandbox.id) + "#leurres")
