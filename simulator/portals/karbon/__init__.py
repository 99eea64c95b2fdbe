"""Karbon client portal (seed 002): a firm of accountants may require two-factor
authentication for its clients. The client is invited by e-mail, sets a password, scans a
QR code, confirms with a first code, keeps ten recovery codes, then logs in with a code;
a lost phone means a recovery code or a reset by the accountant.

Two blueprints: ``karbon`` (the client's portal, its views split over ``login`` and
``enrolment``) and ``karbon_cabinet`` (the firm's minimal back office, where the trainee
plays the accountant in the same sandbox).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import cabinet, enrolment, home, login  # noqa: F401  (views attach to common.bp)
    from .common import bp

    app.register_blueprint(bp)
    app.register_blueprint(cabinet.bp)
