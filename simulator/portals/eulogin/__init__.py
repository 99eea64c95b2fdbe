"""TRACES NT through EU Login (seed 004): since 11 June 2024 TRACES NT wants a second
factor, and without it creating an intra-community certificate is blocked. The user adds a
mobile number to EU Login, confirms it with an SMS « challenge » code (up to 15 minutes on
the way), then logs in with « Téléphone portable + SMS »."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import account, login, traces  # noqa: F401  (their routes hang on the blueprints)
    from .common import eulogin_bp, traces_bp

    app.register_blueprint(eulogin_bp)
    app.register_blueprint(traces_bp)
