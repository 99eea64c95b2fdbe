"""The instructor's area: classes, roster cards, a live progress table, per-trainee controls."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import lures, views  # noqa: F401 - lures adds its routes to views.bp

    app.register_blueprint(views.bp)
