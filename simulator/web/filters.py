"""Jinja filters and the data every page's sandbox bar needs."""

from __future__ import annotations

from flask import Flask, g

from ..domain.clock import format_fr, format_short_fr, to_paris
from ..domain.outbox import mask_address, mask_phone
from ..services import messages


def init_app(app: Flask) -> None:
    app.add_template_filter(format_fr, "date_fr")
    app.add_template_filter(lambda d: format_fr(d, with_time=False), "day_fr")
    app.add_template_filter(format_short_fr, "date_short")
    app.add_template_filter(lambda d: f"{to_paris(d):%H:%M}", "hour")
    app.add_template_filter(mask_address, "mask_address")
    app.add_template_filter(mask_phone, "mask_phone")
    app.context_processor(_sandbox_bar)


def _sandbox_bar() -> dict:
    context = g.get("ctx")
    if context is None:
        return {"bar": None}
    return {
        "bar": {
            "now": context.now(),
            "shifted": context.sandbox.clock_offset_seconds != 0,
            "unread_mail": messages.unread_count(context, "mail"),
            "unread_sms": messages.unread_count(context, "sms"),
            "guided": bool((context.sandbox.settings or {}).get("guided")),
            "seed": context.sandbox.seed,
        }
    }
