"""The five portals. Each package exposes ``INFO`` and ``init_app``; no portal imports another."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from flask import Flask


@dataclass(frozen=True)
class PortalInfo:
    key: str  # the account's portal key
    name: str
    second_factor: str
    start_endpoint: str
    summary: str
    guide_page: str
    # The other side of the story the trainee also plays (label, endpoint): Karbon's accountant.
    other_side: tuple[str, str] | None = None


# Listed in the order of the guide. A portal whose package is missing shows as « bientôt ».
PORTAL_PACKAGES = ("pigp", "cerbere", "karbon", "onegov", "eulogin")

PLANNED = {
    "pigp": PortalInfo("pigp", "PIGP", "code à 6 chiffres par courriel", "pigp.login",
                       "Portail de la gestion publique : code par courriel, poste de confiance 6 mois.", "pigp/"),
    "cerbere": PortalInfo("cerbere", "PIAG via Cerbère", "application d'authentification (OTP Mél)", "piag.home",
                          "Portail des IA génératives : Cerbère exige la 2FA, activée d'abord sur le BNUM.", "piag/"),
    "karbon": PortalInfo("karbon", "Portail client Karbon", "code QR + codes de récupération", "karbon.login",
                         "Portail client d'un cabinet comptable : code QR, codes de récupération.", "karbon/",
                         other_side=("Espace cabinet (comptable)", "karbon_cabinet.clients")),
    "onegov": PortalInfo("onegov", "OneGov GED", "application d'authentification", "onegov.login",
                         "App pour les séances : Rester connecté, Mon portail, interrupteur 2FA.", "onegov/"),
    "eulogin": PortalInfo("eulogin", "TRACES NT via EU Login", "code « challenge » par SMS", "traces.home",
                          "Certificats intracommunautaires : numéro de portable et code SMS.", "traces/"),
}


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


def catalogue(app: Flask) -> list[tuple[PortalInfo, bool]]:
    ready = app.extensions.get("sim.portals_ready", [])
    return [(PLANNED[key], key in ready) for key in PORTAL_PACKAGES]
