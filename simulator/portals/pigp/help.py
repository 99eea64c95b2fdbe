"""« Identifiant / mot de passe / adresse oubliés ? » (seed 000 §1) and the PIXT tool."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from ...services import passwords
from ...web.context import ctx, hash_method
from . import common
from .forms import PixtForm

bp = Blueprint("pigp_help", __name__, url_prefix=common.PATH, template_folder="templates")
bp.context_processor(common.context_processor)


@bp.get("/aide")
def forgotten():
    return render_template("pigp/help.html")


@bp.route("/pixt", methods=["GET", "POST"])
def pixt():
    """The automatic password-change tool: knowing the current password is required."""
    form = PixtForm()
    if form.validate_on_submit():
        context = ctx()
        account, verdict = passwords.check(
            context, common.PORTAL, form.username.data, form.current.data
        )
        problems = passwords.strength_problems(form.new.data, form.username.data)
        if account is None:
            form.current.errors = [verdict.message]
        elif problems:
            form.new.errors = [
                "Le nouveau mot de passe doit comporter " + ", ".join(problems) + "."
            ]
        else:
            passwords.change(context, account, form.new.data, hash_method())
            common.sessions.end()
            flash(
                "Mot de passe modifié. Par sécurité, le code vous sera de nouveau demandé à la prochaine connexion.",
                "success",
            )
            return redirect(url_for("pigp.login"))
    return render_template("pigp/pixt.html", form=form), 400 if form.errors else 200
