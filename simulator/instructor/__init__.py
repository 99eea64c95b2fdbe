"""The instructor's area: classes, roster cards, a live progress table, per-trainee controls."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from ..services.classes import display_passcode
    from . import analytics, lures, views  # noqa: F401 - analytics and lures add routes to views.bp

    app.register_blueprint(views.bp)
    app.add_template_filter(display_passcode, "passcode")
