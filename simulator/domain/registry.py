"""The five portals, declared once: what every other layer knows of a portal.

The personas draw one account per key (with the portal's username rule), the blueprints are
the packages of the same names (``simulator/portals/<key>``), the walkthroughs' ``portal:``
accepts these keys, the home page, guided and record mode list them in this order (the
guide's), a portal's mail leaves from its sender here, the exercises it declares join the
catalogue and the trainer's table (with their short titles), and the settings it stores
are a typed model kept by ``services.portal_settings``. A sixth portal is one entry below
(``python -m simulator nouveau-portail`` writes it).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from .organisation_settings import KarbonSettings, OnegovSettings


@dataclass(frozen=True)
class Names:
    """What a username rule may use: the person's names as ASCII slugs, the address, and the
    persona's random source (a rule that draws from it must stay first in ``PORTALS``)."""

    first: str
    last: str
    email: str
    rng: random.Random


UsernameRule = Callable[[Names], str]


def by_email(names: Names) -> str:
    return names.email


def _pigp(names: Names) -> str:
    return f"{names.first[0]}{names.last}".replace("-", "")[:12] + f"{names.rng.randrange(10, 100)}"


@dataclass(frozen=True)
class PortalExercise:
    """An exercise a portal declares: ``services.exercises`` adds it to the catalogue."""

    key: str
    title: str
    goal: str
    column: str  # its few words in the trainer's table, under the portal's ``short_name``
    # What proves it done: ("factor", kind) a factor of that kind (totp, sms, email) saved,
    # or ("login", second factor) a successful login with it.
    proof: tuple[str, str]


@dataclass(frozen=True)
class Portal:
    key: str  # the account's portal key, the package of its blueprint, a walkthrough's `portal:`
    name: str
    second_factor: str
    start_endpoint: str  # where the home page's card and record mode open it
    summary: str
    guide_doc: str  # its sheet in docs/
    mail_sender: str  # the From: of its mail (PIGP's is the seed's own, so trainees learn it)
    sender_name: str  # how its mail's subject names it
    sms_sender: str | None = None
    # The other side of the story the trainee also plays (label, endpoint): Karbon's accountant.
    other_side: tuple[str, str] | None = None
    username: UsernameRule = by_email  # the persona's identifier on this portal
    short_name: str = ""  # its name in the trainer's table (the name when empty)
    exercises: tuple[PortalExercise, ...] = ()
    settings: type | None = None  # a pydantic model of what it stores (services.portal_settings)

    @property
    def column_name(self) -> str:
        return self.short_name or self.name


PORTALS: tuple[Portal, ...] = (
    Portal("pigp", "PIGP", "code à 6 chiffres par courriel", "pigp.login",
           "Portail de la gestion publique : code par courriel, poste de confiance 6 mois.", "pigp.md",
           "ne-pas-repondre@dgfip.finances.gouv.fr", "PIGP", username=_pigp),  # seed 000 §3
    Portal("cerbere", "PIAG via Cerbère", "application d'authentification (OTP Mél)", "piag.home",
           "Portail des IA génératives : Cerbère exige la 2FA, activée d'abord sur le BNUM.", "piag.md",
           "ne-pas-repondre@cerbere.ministere.test", "Cerbère",
           username=lambda n: f"{n.first}.{n.last}"),
    Portal("karbon", "Portail client Karbon", "code QR + codes de récupération", "karbon.login",
           "Portail client d'un cabinet comptable : code QR, codes de récupération.", "karbon.md",
           "notifications@portail-client.karbon.test", "Portail client Karbon",
           other_side=("Espace cabinet (comptable)", "karbon_cabinet.clients"),
           settings=KarbonSettings),
    Portal("onegov", "OneGov GED", "application d'authentification", "onegov.login",
           "App pour les séances : Rester connecté, Mon portail, interrupteur 2FA.", "onegov.md",
           "no-reply@onegov-ged.test", "OneGov GED", username=lambda n: f"{n.first[0]}.{n.last}",
           settings=OnegovSettings),
    Portal("eulogin", "TRACES NT via EU Login", "code « challenge » par SMS", "traces.home",
           "Certificats intracommunautaires : numéro de portable et code SMS.", "traces.md",
           "automated-notifications@eulogin.test", "EU Login", sms_sender="EU Login"),
)  # fmt: skip

KEYS: tuple[str, ...] = tuple(portal.key for portal in PORTALS)
BY_KEY = MappingProxyType({portal.key: portal for portal in PORTALS})

# Senders that are not portals of their own: Cerbère's BNUM prerequisite (seed 001).
OTHER_SENDERS = MappingProxyType({"bnum": ("ne-pas-repondre@bnum.ministere.test", "BNUM")})
SANDBOX_SENDER = ("ne-pas-repondre@bac-a-sable.test", "Bac à sable")


def mail_sender(key: str) -> tuple[str, str]:
    """(address, name) of the mail a portal (or the BNUM) sends."""
    if key in BY_KEY:
        return BY_KEY[key].mail_sender, BY_KEY[key].sender_name
    return OTHER_SENDERS.get(key, (SANDBOX_SENDER[0], key))
