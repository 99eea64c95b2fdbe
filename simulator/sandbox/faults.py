"""Fault switches: the everyday incidents of the seeds, on demand, for one sandbox."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from ..domain.faults import Faults
from ..services import phone_apps, records
from ..web.context import ctx
from .forms import FaultsForm

bp = Blueprint("faults", __name__, url_prefix="/incidents")


@bp.route("/", methods=["GET", "POST"])
def home():
    context = ctx()
    form = FaultsForm(obj=context.faults)
    if form.validate_on_submit():
        apply(context, form.faults())
        flash("Incidents mis à jour pour votre bac à sable.", "success")
        return redirect(url_for(".home"))
    return render_template("sandbox/faults.html", form=form), 400 if form.errors else 200


def apply(context, new: Faults) -> None:
    """Store the switches; losing the phone also empties the authenticator app."""
    if new.phone_lost and not context.faults.phone_lost:
        phone_apps.empty(context)
    records.incidents(context, context.faults.to_dict(), new.to_dict())
    context.sandbox.faults = new.to_dict()
