"""Home: « Commencer », then the credentials on each portal first (what a trainee comes
for), the generated person, and « Recommencer ». A class trainee is greeted by their label
and class, since that is what the trainer calls out in the room.

A sandbox is created only by the « Commencer » button (a POST with its CSRF token), never by
a bare GET: a crawler or a loop without cookies would otherwise fill the database and the
CPU. A ceiling per server (``SIM_MAX_SANDBOXES``) bounds what even deliberate clicks can do.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, g, redirect, render_template, url_for
from flask_wtf import FlaskForm

from .. import portals
from ..services import classes, sandboxes
from ..web.context import adopt, ctx, hash_method

bp = Blueprint("sandbox", __name__)


def _start_page(full: str | None = None, status: int = 200):
    return render_template("sandbox/start.html", start_form=FlaskForm(), full=full), status


@bp.post("/commencer")
def start():
    if g.ctx is not None:
        return redirect(url_for(".home"))
    if not FlaskForm().validate_on_submit():
        return _start_page(
            "La demande n'a pas pu être vérifiée : rechargez la page et recommencez.", 400
        )
    _purge_forgotten()
    ceiling = current_app.config["SIM_MAX_SANDBOXES"]
    if sandboxes.count(g.db) >= ceiling:
        return _start_page(
            f"Ce serveur accueille déjà {ceiling} bacs à sable, le maximum prévu : impossible d'en "
            "ouvrir un nouveau. Prévenez votre formateur (il peut supprimer les bacs à sable inactifs "
            "ou relever la limite SIM_MAX_SANDBOXES).",
            503,
        )
    sandbox = sandboxes.create(
        g.db,
        current_app.extensions["sim.wall_clock"].now(),
        seed=current_app.config.get("SIM_SEED"),
        hash_method=hash_method(),
    )
    adopt(sandbox)
    return redirect(url_for(".home"))


def _purge_forgotten() -> None:
    """Each new sandbox first removes those of no class idle for SIM_SANDBOX_DAYS (issue 24):
    one query and a delete, so nobody has to remember to run ``purge``."""
    days = current_app.config.get("SIM_SANDBOX_DAYS") or 0
    if days > 0:
        now = current_app.extensions["sim.wall_clock"].now()
        sandboxes.purge_idle(g.db, now, timedelta(days=days), outside_classes=True)


@bp.get("/")
def home():
    if g.ctx is None:
        return _start_page()
    context = ctx()
    persona = context.persona
    accounts = {a.portal: a for a in context.sandbox.accounts}
    sandbox = context.sandbox
    return render_template(
        "sandbox/home.html",
        persona=persona,
        accounts=accounts,
        classroom=classes.of_sandbox(context.db, sandbox),
        label=sandbox.label,
        catalogue=portals.catalogue(current_app),
        reset_form=FlaskForm(),
    )


@bp.post("/recommencer")
def reset():
    if not FlaskForm().validate_on_submit():
        flash("La demande n'a pas pu être vérifiée : rechargez la page.", "error")
        return redirect(url_for(".home"))
    context = ctx()
    sandboxes.reset(context.db, context.sandbox, context.wall_now(), hash_method())
    flash(
        "Votre bac à sable a été remis à zéro : même personne, comptes neufs, messagerie vide.",
        "success",
    )
    return redirect(url_for(".home"))
