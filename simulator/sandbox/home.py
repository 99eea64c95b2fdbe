"""Home: the generated person, their credentials on each portal, and « Recommencer »."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, url_for
from flask_wtf import FlaskForm

from .. import portals
from ..services import sandboxes
from ..web.context import adopt, ctx, hash_method

bp = Blueprint("sandbox", __name__)


@bp.get("/")
def home():
    if g.ctx is None:
        sandbox = sandboxes.create(
            g.db, current_app.extensions["sim.wall_clock"].now(),
            seed=current_app.config.get("SIM_SEED"), hash_method=hash_method(),
        )
        adopt(sandbox)
    context = ctx()
    persona = context.persona
    accounts = {a.portal: a for a in context.sandbox.accounts}
    return render_template(
        "sandbox/home.html",
        persona=persona,
        accounts=accounts,
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
    flash("Votre bac à sable a été remis à zéro : même personne, comptes neufs, messagerie vide.", "success")
    return redirect(url_for(".home"))
