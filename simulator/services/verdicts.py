"""The answer to « is this code right? », with the French sentence a portal shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.clock import format_fr

MESSAGES_FR = {
    "malformed": "Le code doit comporter 6 chiffres (de 0 à 9), sans lettres ni symboles.",
    "wrong": "Code incorrect. Vérifiez que vous saisissez le dernier code reçu.",
    "expired": "Ce code a expiré. Demandez un nouveau code.",
    "used": "Ce code a déjà été utilisé. Demandez un nouveau code.",
    "voided": "Ce code a été remplacé par un code plus récent : saisissez le dernier code reçu.",
    "other_request": "Ce code a été émis pour une autre demande : saisissez le dernier code reçu.",
    "replay": "Ce code a déjà été utilisé. Attendez le code suivant dans votre application.",
    "totp_wrong": "Code incorrect. Vérifiez l'heure de votre téléphone et que vous lisez le bon compte dans l'application.",
    "recovery_wrong": "Code de récupération incorrect ou déjà utilisé.",
    "password": "Identifiant ou mot de passe incorrect.",
}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    outcome: str
    locked_until: datetime | None = None
    attempts_left: int | None = None
    told: str | None = None  # the mistake named (domain.mistakes.tell), instead of the outcome's

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        if self.locked_until is not None:
            return (
                "Trop de tentatives infructueuses : par sécurité, cette étape est bloquée "
                f"jusqu'au {format_fr(self.locked_until)}."
            )
        text = self.told or MESSAGES_FR.get(self.outcome, MESSAGES_FR["wrong"])
        if self.attempts_left is not None and self.outcome not in ("malformed",):
            plural = "s" if self.attempts_left > 1 else ""
            text += f" Il vous reste {self.attempts_left} essai{plural}."
        return text
