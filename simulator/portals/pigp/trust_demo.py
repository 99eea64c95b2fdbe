"""The trust-cookie demonstration: seed 000 §2 made visible in one minute.

Served under the PIGP's path because the cookie is scoped to it: only here does the
browser send it, exactly as it does to the real portal.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...domain import trust
from ...services import logins, trust_devices
from ...web.context import ctx
from ...web.portal_session import schedule_cookie
from . import common

bp = Blueprint("pigp_trust", __name__, url_prefix=common.PATH, template_folder="templates")
bp.context_processor(common.context_processor)


@bp.get("/poste-de-confiance")
def show():
    context = ctx()
    account = context.account(common.PORTAL)
    cookie = request.cookies.get(common.TRUST_COOKIE)
    verdict, record = trust_devices.check(context, account, common.trust_codec(), cookie)
    if record is None and cookie:
        record = trust_devices.read(context, common.trust_codec(), cookie)
    return render_template(
        "pigp/trust.html",
        present=cookie is not None,
        verdict=verdict,
        valid=verdict is trust.TrustCheck.OK,
        why=trust.REASON_FR.get(verdict, ""),
        record=record,
        cookie_name=common.TRUST_COOKIE,
        max_age_days=common.TRUST_MAX_AGE // 86400,
        history=logins.recent(context, account, limit=8),
        form=FlaskForm(),
        now=context.now(),
    )


@bp.post("/poste-de-confiance/oublier")
def forget():
    if not FlaskForm().validate_on_submit():
        flash("La demande n'a pas pu être vérifiée : rechargez la page.", "error")
        return redirect(url_for(".show"))
    context = ctx()
    record = trust_devices.read(
        context, common.trust_codec(), request.cookies.get(common.TRUST_COOKIE)
    )
    if record is not None:
        trust_devices.forget(context, record)
    schedule_cookie(common.TRUST_COOKIE, None, path=common.PATH)
    flash(
        "Ce poste est oublié : le cookie est supprimé, le code sera demandé à la prochaine connexion.",
        "success",
    )
    return redirect(url_for(".show"))
