"""The rules of the one second-factor step every portal's code screen goes through.

Two kinds of code exist on the screens: the six digits of an e-mail, an SMS or an
authenticator app, and the recovery code (4 groups of 4 characters). Each kind is declared
here once, with what the field needs (its ``maxlength``, a numeric keyboard or not); the
``code_field`` macro reads it. The login history rule is here too: every attempt that
reached the check is recorded, malformed ones included, with its reason in French. Changing
what the history keeps is a change to this file only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeKind:
    name: str
    maxlength: int  # room for « 123 456 » or « abcd-efgh-jkmn-pqrs » and a few stray characters
    numeric: bool  # digits only: the phone shows its number pad
    autocomplete: str


DIGITS = CodeKind("digits", maxlength=16, numeric=True, autocomplete="one-time-code")
RECOVERY = CodeKind("recovery", maxlength=32, numeric=False, autocomplete="off")
KINDS = {kind.name: kind for kind in (DIGITS, RECOVERY)}

OUTCOMES_FR = {
    "malformed": "code mal formé",
    "wrong": "code incorrect",
    "totp_wrong": "code incorrect",
    "recovery_wrong": "code de récupération incorrect ou déjà utilisé",
    "expired": "code expiré",
    "used": "code déjà utilisé",
    "replay": "code déjà utilisé (rejeu)",
    "voided": "code remplacé par un plus récent",
    "other_request": "code émis pour une autre demande",
    "locked": "étape bloquée après trop d'échecs",
}


def failure_reason(label: str, outcome: str) -> str | None:
    """The history line of a refused code, or None if such a refusal is not recorded.

    ``label`` is the portal's name for the step (« BNUM », « Cerbère : OTP Mél »...).
    """
    return f"{label} : {OUTCOMES_FR.get(outcome, outcome)}"
