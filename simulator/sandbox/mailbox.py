"""The fake mailbox: meant for a second tab, as seed 000 §2 advises."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ..domain.outbox import FOLDERS_FR, INBOX, SPAM
from ..services import messages, records
from ..web import pagination
from ..web.context import ctx
from .forms import RuleForm

bp = Blueprint("mailbox", __name__, url_prefix="/messagerie")


def _folder_counts(context):
    return {f: messages.unread_count(context, "mail", f) for f in (INBOX, SPAM)}


@bp.get("/", defaults={"folder": INBOX})
@bp.get("/<any(inbox, spam):folder>")
def folder(folder: str):
    context = ctx()
    asked = pagination.asked()
    page = messages.delivered_page(context, "mail", folder, asked or 1)
    if page.number != asked:
        return pagination.redirect_to(page.number)
    return render_template(
        "sandbox/mailbox.html",
        folder=folder,
        folders=FOLDERS_FR,
        counts=_folder_counts(context),
        mails=page.items,
        page=page,
        on_the_way=messages.pending_count(context, "mail"),
        address=context.persona.email,
    )


@bp.get("/message/<int:message_id>")
def read(message_id: int):
    context = ctx()
    message = messages.get_delivered(context, "mail", message_id)
    if message is None:
        abort(404)
    if message.read_at is None:
        message.read_at = context.now()
        records.message_opened(context, "mail", message.portal, message.kind, message.folder)
    return render_template(
        "sandbox/mail_read.html",
        message=message,
        folder=message.folder,
        folders=FOLDERS_FR,
        counts=_folder_counts(context),
        address=context.persona.email,
    )


@bp.route("/regles", methods=["GET", "POST"])
def rules():
    context = ctx()
    form = RuleForm()
    if form.validate_on_submit():
        messages.add_filter_rule(context, form.sender_contains.data.strip(), form.folder.data)
        flash("Règle enregistrée : elle s'applique aux prochains messages.", "success")
        return redirect(url_for(".rules"))
    existing = messages.filter_rules(context)
    status = 400 if form.errors else 200
    return render_template(
        "sandbox/mail_rules.html",
        form=form,
        rules=existing,
        folders=FOLDERS_FR,
        delete_form=FlaskForm(),
        counts=_folder_counts(context),
        folder=None,
        address=context.persona.email,
    ), status


@bp.post("/regles/<int:rule_id>/supprimer")
def delete_rule(rule_id: int):
    context = ctx()
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not messages.remove_filter_rule(context, rule_id):
        abort(404)
    flash("Règle supprimée.", "success")
    return redirect(url_for(".rules"))
