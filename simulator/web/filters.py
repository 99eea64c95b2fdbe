"""Jinja filters and the data every page's sandbox bar needs."""

from __future__ import annotations

import re

from flask import Flask, g, has_request_context, request
from markupsafe import Markup, escape

from ..domain.clock import clock_change_fr, format_fr, format_short_fr, to_paris
from ..domain.outbox import mask_address, mask_phone
from ..domain.second_factor import KINDS as CODE_KINDS
from ..procedures.tabs import TOOLS
from ..services import messages


def init_app(app: Flask) -> None:
    app.add_template_filter(format_fr, "date_fr")
    app.add_template_filter(lambda d: format_fr(d, with_time=False), "day_fr")
    app.add_template_filter(format_short_fr, "date_short")
    app.add_template_filter(lambda d: f"{to_paris(d):%H:%M}", "hour")
    app.add_template_filter(mask_address, "mask_address")
    app.add_template_filter(mask_phone, "mask_phone")
    app.add_template_filter(mail_links, "mail_links")
    app.jinja_env.globals["code_kinds"] = CODE_KINDS  # read by the code_field() macro
    app.add_template_filter(breakable, "breakable")
    app.jinja_env.globals["clock_change"] = clock_change_fr  # beside an installed/expires pair
    app.jinja_env.globals["bar_tools"] = TOOLS  # the bar's tool links (procedures/tabs.py)
    app.context_processor(_sandbox_bar)


def _sandbox_bar() -> dict:
    context = g.get("ctx")
    if context is None:
        return {"bar": None}
    unread = messages.unread_by_channel(context)
    return {
        "bar": {
            "now": context.now(),
            "shifted": context.sandbox.clock_offset_seconds != 0,
            "unread_mail": unread.get("mail", 0),
            "unread_sms": unread.get("sms", 0),
            "guided": bool(context.sandbox.guided_slug),
            "seed": context.sandbox.seed,
        }
    }


# « [Accepter l'invitation](/karbon/invitation/…) » or a URL of this very simulator.
_MAIL_LINK = re.compile(
    r"\[([^\]\n]{1,80})\]\((/(?!/)[A-Za-z0-9/_.~%-]{0,300})\)|(https?://[^\s<>\"']+)"
)


def breakable(address: str | None) -> Markup:
    """An address that may wrap after « @ », then before a dot of its domain, instead of in
    mid-word, on a narrow screen (« ne-pas-repondre@<wbr>dgfip<wbr>.finances… »)."""
    local, at, domain = (address or "").rpartition("@")
    if not at:
        return escape(domain)
    return escape(local) + Markup("@<wbr>") + Markup("<wbr>.").join(domain.split("."))


def mail_links(body: str | None) -> Markup:
    """A mail's text, escaped, with the simulator's own links clickable (never another site's).

    A site-relative ``[label](/path)`` becomes a button-like link: it keeps screenshots the
    same whatever port the simulator runs on. Absolute URLs are linked only on this host.
    """
    body = body or ""
    own = request.host_url if has_request_context() else None
    parts, last = [], 0
    for match in _MAIL_LINK.finditer(body):
        parts.append(escape(body[last : match.start()]))
        label, path, url = match.groups()
        if path:
            parts.append(
                Markup(
                    '<a class="button mail-link" href="{}" data-testid="mail-link">{}</a>'
                ).format(path, label)
            )
        elif own and url.startswith(own):
            parts.append(Markup('<a href="{0}" data-testid="mail-link">{0}</a>').format(url))
        else:
            parts.append(escape(url))
        last = match.end()
    parts.append(escape(body[last:]))
    return Markup("").join(parts)
