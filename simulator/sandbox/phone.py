"""The fake SMS phone: messages arrive when the sandbox clock reaches their delivery time."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..services import messages
from ..web import pagination
from ..web.context import ctx

bp = Blueprint("phone", __name__, url_prefix="/telephone")


@bp.get("/")
def home():
    context = ctx()
    asked = pagination.asked()
    page = messages.delivered_page(context, "sms", number=asked or 1)
    if page.number != asked:
        return pagination.redirect_to(page.number)
    sms = page.items
    html = render_template(
        "sandbox/phone.html",
        sms=sms,
        page=page,
        on_the_way=messages.pending_count(context, "sms"),
        number=context.persona.mobile_national,
        now=context.now(),
        live=context.deterministic is False,
    )
    for message in sms:
        if message.read_at is None:
            message.read_at = context.now()  # only the page shown: the others were not seen
    return html
