"""Phishing drills in the sandbox: the lure's page, its debrief, and the answers to a message
(« Signaler », « Ce n'est pas moi », « Supprimer ») from the mailbox and the phone.

The lure's page is a sandbox page under the training banner, never a copy of a portal's
template. Its fields have no ``name``: the browser sends nothing typed into them, and the
route that ends the drill reads nothing but the CSRF token, so what a trainee types can reach
neither the database nor a log (SECURITY.md, « Lures »).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ..domain import lures
from ..services import lures as drills
from ..services import messages
from ..web.context import ctx

bp = Blueprint("lures", __name__)

ANSWERS = {"signaler": lures.REPORTED, "pas-moi": lures.NOT_ME, "supprimer": lures.DELETED}
GENUINE_FR = {
    lures.REPORTED: "Message signalé. Celui-ci était authentique : son expéditeur est bien "
    "celui du service, et il répondait à une demande faite depuis votre bac à sable.",
    lures.NOT_ME: "Ce code répondait à une demande faite depuis votre bac à sable : c'était "
    "bien vous. Rien à signaler.",
    lures.DELETED: "Message supprimé.",
}


def _drill(drill_id: int):
    context = ctx()
    drill = drills.get(context, drill_id)
    if drill is None or drill.lure not in lures.BY_KEY:
        abort(404)
    return context, drill, lures.BY_KEY[drill.lure]


@bp.get("/leurre/<int:drill_id>")
def page(drill_id: int):
    context, drill, lure = _drill(drill_id)
    if lure.url is None:
        abort(404)
    if drill.outcome is None:
        drills.opened(context, drill)
    return render_template("sandbox/lure_page.html", drill=drill, lure=lure, form=FlaskForm())


@bp.post("/leurre/<int:drill_id>/saisie")
def typed(drill_id: int):
    """Something was typed on the lure's page: the drill ends. The request's form is not read
    (its fields have no name anyway), only the CSRF token is checked."""
    context, drill, _ = _drill(drill_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    drills.opened(context, drill)
    drills.end(context, drill, lures.TYPED)
    return redirect(url_for(".debrief", drill_id=drill.id))


@bp.get("/leurre/<int:drill_id>/bilan")
def debrief(drill_id: int):
    _, drill, lure = _drill(drill_id)
    if drill.outcome is None:
        abort(404)
    return render_template(
        "sandbox/lure_debrief.html",
        drill=drill,
        lure=lure,
        sender_runs=lures.highlight(lure.sender, lure.genuine_sender)
        if lure.genuine_sender
        else None,
        host_runs=lures.highlight(lure.host, lure.genuine_host) if lure.url else None,
        owners=(
            lures.registered_name(lure.host or ""),
            lures.registered_name(lure.genuine_host or ""),
        ),
        exercise=lure.exercise,
    )


@bp.post("/messages/<int:message_id>/<any(signaler, 'pas-moi', supprimer):answer>")
def answer(message_id: int, answer: str):
    """One route for both the mailbox and the phone: a message is a message."""
    context = ctx()
    message = messages.get_delivered(context, "mail", message_id) or messages.get_delivered(
        context, "sms", message_id
    )
    if message is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    outcome = ANSWERS[answer]
    if outcome == lures.NOT_ME and message.channel != "sms":
        abort(404)
    drill = drills.answer_message(context, message, outcome)
    if drill is not None:
        return redirect(url_for(".debrief", drill_id=drill.id))
    flash(GENUINE_FR[outcome], "success" if outcome == lures.DELETED else "info")
    if message.channel == "sms":
        return redirect(url_for("phone.home"))
    return redirect(url_for("mailbox.folder", folder=message.folder))
