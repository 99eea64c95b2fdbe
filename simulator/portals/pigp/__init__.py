"""PIGP: the DGFiP public-management portal, as its « bonnes pratiques » sheet describes it
(seed 000): password, then a 6-digit code by e-mail valid 30 minutes, and a trust cookie
that spares the code for 6 months, installed only if the code page was not left."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import help, login, trust_demo

    for module in (login, trust_demo, help):
        app.register_blueprint(module.bp)
