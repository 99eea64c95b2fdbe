"""The organisation's configuration, played by the trainer: 2FA allowed, required or forbidden.

Seed 003 says the activation « dépend de la configuration de votre système »; this page is
that configuration, kept in a column of the sandbox. The sandbox's incident switch
« l'organisation interdit la 2FA » overrides it, and the page says so.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from ...web.context import ctx
from .common import POLICIES, bp, chosen_policy, policy, set_policy
from .forms import PolicyForm


@bp.route("/organisation", methods=["GET", "POST"])
def organisation():
    context = ctx()
    form = PolicyForm(data={"policy": chosen_policy(context)})
    if form.validate_on_submit():
        set_policy(context, form.policy.data)
        flash(
            f"Configuration enregistrée : {POLICIES[form.policy.data].split(' (')[0].lower()}.",
            "success",
        )
        return redirect(url_for(".organisation"))
    return render_template(
        "onegov/organisation.html",
        form=form,
        effective=policy(context),
        policies=POLICIES,
        forced=context.faults.onegov_forbids_2fa,
    ), 400 if form.errors else 200
