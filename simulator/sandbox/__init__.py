"""The sandbox around the portals: home, mailbox, phone, authenticator, clock, cookies, faults."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter


class SqlIntConverter(IntegerConverter):
    """``<int:…>`` bounded to a 64-bit SQL integer: a longer number is no id, so 404, not a 500."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's own signature
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    # Before any blueprint: every <int:…> of the sandbox and the portals uses it.
    app.url_map.converters["int"] = SqlIntConverter
    from . import authenticator, clock, cookies, faults, guide, home, lures, mailbox, phone

    for module in (home, mailbox, phone, authenticator, clock, cookies, faults, guide, lures):
        app.register_blueprint(module.bp)
    from . import guided, progress, recorder

    guided.init_app(app)
    progress.init_app(app)
    recorder.init_app(app)
    if app.config["SIM_MODE"] != "normal":
        from . import testhooks

        app.register_blueprint(testhooks.bp)
