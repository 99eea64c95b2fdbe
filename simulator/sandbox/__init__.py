"""The sandbox around the portals: home, mailbox, phone, authenticator, clock, cookies, faults."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import authenticator, clock, cookies, faults, guide, home, mailbox, phone

    for module in (home, mailbox, phone, authenticator, clock, cookies, faults, guide):
        app.register_blueprint(module.bp)
    from . import guided, progress

    guided.init_app(app)
    progress.init_app(app)
    if app.config["SIM_MODE"] != "normal":
        from . import testhooks

        app.register_blueprint(testhooks.bp)
