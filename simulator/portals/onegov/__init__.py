"""OneGov GED's meeting app (« App pour les séances »), as its help page describes it
(seed 003): login with « Rester connecté », a forgotten-password e-mail, « Mon portail »
with the recent logins and a two-factor switch, and an organisation policy that may forbid
the switch. The second factor is an authenticator app (QR code, then a confirmation code).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    # The view modules attach their routes to the one ``onegov`` blueprint on import.
    from . import admin, login, portal, reset, twofactor  # noqa: F401
    from .common import bp

    app.register_blueprint(bp)
