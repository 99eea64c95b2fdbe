"""The five portals' blueprints, one package each (named by its key in domain.registry);
each exposes ``init_app``; no portal imports another."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

from ..domain import registry
from ..domain.registry import Portal

# Listed in the order of the guide. A portal whose package is missing shows as « bientôt ».
PORTAL_PACKAGES = registry.KEYS


def init_app(app: Flask) -> None:
    ready = []
    wanted = app.config.get("SIM_PORTALS") or PORTAL_PACKAGES
    for key in [k for k in PORTAL_PACKAGES if k in wanted]:
        try:
            module = import_module(f"{__name__}.{key}")
        except ModuleNotFoundError as missing:
            if missing.name != f"{__name__}.{key}":
                raise
            continue
        module.init_app(app)
        ready.append(key)
    app.extensions["sim.portals_ready"] = ready


def catalogue(app: Flask) -> list[tuple[Portal, bool]]:
    ready = app.extensions.get("sim.portals_ready", [])
    return [(portal, portal.key in ready) for portal in registry.PORTALS]
