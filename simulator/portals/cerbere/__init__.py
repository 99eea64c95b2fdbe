"""PIAG through Cerbère, with the BNUM prerequisite (seed 001).

Three small sites share one ministry account (the seed: « ce sont les mêmes [identifiants]
que pour le courrielleur »): the BNUM, where the authenticator app is first set up; Cerbère,
the single sign-on that refuses a password alone and adds the « OTP Mél » method with a code
from that same app; and the PIAG, which only trusts Cerbère's one-time tickets.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import bnum, cerbere_account, cerbere_login, piag  # noqa: F401 (cerbere_account adds routes)

    for blueprint in (bnum.bp, cerbere_login.bp, piag.bp):
        app.register_blueprint(blueprint)
