"""OneGov's password-reset links: the domain's single-use links, valid one hour at most.

A new request replaces the previous link; a password change (by the link or from « Mon
portail ») voids it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ...domain import links
from ...domain.links import LinkCheck

RESET_LIFETIME = links.PASSWORD_RESET_MAX
KIND = "onegov_reset"

MESSAGES_FR = {
    LinkCheck.UNKNOWN: "Ce lien de réinitialisation n'est pas valable. Vérifiez que vous l'avez copié en entier, "
    "ou demandez un nouveau lien.",
    LinkCheck.EXPIRED: "Ce lien de réinitialisation a expiré (il n'est valable qu'une heure). Demandez un nouveau lien.",
    LinkCheck.USED: "Ce lien de réinitialisation a déjà servi : il ne fonctionne qu'une fois. Demandez un nouveau lien "
    "si nécessaire.",
}


def issue(state: Mapping, token: str, now: datetime) -> dict:
    return links.issue(state, KIND, token, now, RESET_LIFETIME)


def check(state: Mapping, token: object, now: datetime) -> LinkCheck:
    return links.check(state, KIND, token, now)


def consume(state: Mapping, now: datetime) -> dict:
    return links.consume(state, KIND, now)


def void(state: Mapping) -> dict:
    return links.void(state, KIND)


def issued_at(state: Mapping) -> datetime | None:
    return links.date_of(state, KIND, "issued_at")
