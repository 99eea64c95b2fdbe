"""What this browser holds, and what the server thinks of it.

Portal cookies are scoped to their portal's path (as the trust cookie of the PIGP must be),
so this page reads the server's side: each account's trusted workstations and their state.
The PIGP's own demonstration page reads the cookie itself.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from .. import portals
from ..services import trust_devices
from ..web.context import ctx

bp = Blueprint("cookies", __name__, url_prefix="/cookies")


@bp.get("/")
def home():
    context = ctx()
    devices = [
        (account, trust_devices.of_account(context, account))
        for account in context.sandbox.accounts
    ]
    names = {info.key: info.name for info, _ready in portals.catalogue(current_app)}
    return render_template(
        "sandbox/cookies.html",
        visible=sorted(request.cookies.keys()),
        devices=[(names.get(a.portal, a.portal), d) for a, d in devices if d],
        now=context.now(),
        session_cookie=current_app.config["SESSION_COOKIE_NAME"],
    )
