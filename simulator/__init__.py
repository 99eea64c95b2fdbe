"""Simulateur de formation à l'authentification à deux facteurs.

``create_app`` builds the Flask application: settings, database, the sandbox pages and one
blueprint per portal. Nothing here is a real government service.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Flask

from . import config as settings
from .domain.clock import FrozenClock, SystemClock
from .store import Database


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, instance_path=str(_instance_path()))
    app.config.update(settings.DEFAULTS)
    if test_config is None:
        app.config.update(settings.from_environment(Path(app.instance_path)))
    else:
        app.config.update(
            {
                "SIM_MODE": "test",
                "SIM_HOST": "127.0.0.1",
                "SIM_SEED": None,
                "SIM_FROZEN_TIME": None,
                "SIM_HTTPS": False,
                "INSTRUCTOR_PASSWORD": None,
            }
        )
        app.config.update(test_config)
    app.config["SESSION_COOKIE_SECURE"] = app.config["SIM_HTTPS"]
    if (
        test_config is None
        and app.config.get("INSTRUCTOR_PASSWORD") is None
        and app.config["SIM_MODE"] == "normal"
    ):
        from .instructor.auth import instance_password

        password, fresh = instance_password(Path(app.instance_path))
        app.config["INSTRUCTOR_PASSWORD"] = password
        app.config["INSTRUCTOR_PASSWORD_NEW"] = fresh

    proxies = int(app.config.get("SIM_TRUSTED_PROXIES") or 0)
    if proxies:  # behind nginx: trust its X-Forwarded-* for the scheme, host and client
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    database = Database(app.config["DATABASE_URL"])
    database.upgrade()
    app.extensions["sim.db"] = database
    app.extensions["sim.wall_clock"] = _wall_clock(app)

    from .web import (
        context,
        favicon,
        filters,
        forms,
        pagination,
        portal_session,
        security,
        static_files,
    )

    forms.init_app(app)
    security.init_app(app)
    context.init_app(app)
    filters.init_app(app)
    pagination.init_app(app)
    favicon.init_app(app)
    static_files.init_app(app)
    app.after_request(portal_session.apply_cookies)

    from . import instructor, lti, portals, sandbox

    sandbox.init_app(app)
    portals.init_app(app)
    instructor.init_app(app)
    lti.init_app(app)
    return app


def _instance_path() -> Path:
    return Path(__file__).resolve().parent.parent / "instance"


def _wall_clock(app: Flask):
    if app.config["SIM_MODE"] == "normal":
        return SystemClock()
    start = app.config.get("SIM_FROZEN_TIME") or settings.DEFAULT_FROZEN_TIME
    return start if isinstance(start, FrozenClock) else FrozenClock(datetime.fromisoformat(start))
