"""What kind of mistake a refused attempt was, and what to tell the trainee at that moment.

A trainee who types a wrong code learns little from « code incorrect »; one told « vous avez
saisi votre mot de passe » learns the difference between the two at the very moment it
matters. The training records keep the kind only (never what was typed), so the trainer sees
which mistakes a class makes. The classification, the trainer's words for each kind and the
trainee's sentences live here, once, in plain Python.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    USED = "used"
    OLDER_MESSAGE = "older_message"
    PASSWORD_AS_CODE = "password_as_code"  # noqa: S105 - a kind of mistake, not a password
    OTHER_ENTRY = "other_entry"
    LOCKED = "locked"
    MALFORMED = "malformed"


MISTAKES: tuple[Outcome, ...] = tuple(o for o in Outcome if o is not Outcome.ACCEPTED)

# The trainer's words for each kind (tables, charts, export headers).
LABELS_FR: dict[Outcome, str] = {
    Outcome.ACCEPTED: "accepté",
    Outcome.WRONG: "code erroné",
    Outcome.EXPIRED: "code expiré",
    Outcome.USED: "code déjà utilisé",
    Outcome.OLDER_MESSAGE: "code d'un ancien message",
    Outcome.PASSWORD_AS_CODE: "mot de passe dans le champ du code",
    Outcome.OTHER_ENTRY: "code d'un autre compte de l'application",
    Outcome.LOCKED: "étape bloquée",
    Outcome.MALFORMED: "code mal formé",
}

# The guide's section that answers each mistake (docs/, as the built site names it).
_REFUSED = ("depannage/", "le-code-est-refuse", "Dépannage : le code est refusé")
GUIDE_FR: dict[Outcome, tuple[str, str, str]] = {  # (page, anchor, title)
    Outcome.WRONG: _REFUSED,
    Outcome.EXPIRED: _REFUSED,
    Outcome.USED: _REFUSED,
    Outcome.OLDER_MESSAGE: _REFUSED,
    Outcome.OTHER_ENTRY: _REFUSED,
    Outcome.MALFORMED: _REFUSED,
    Outcome.PASSWORD_AS_CODE: (
        "bonnes-pratiques/",
        "4-ne-pas-confondre-le-mot-de-passe-et-le-code",
        "Bonnes pratiques : ne pas confondre le mot de passe et le code",
    ),
    Outcome.LOCKED: (
        "depannage/",
        "trop-de-tentatives-infructueuses-letape-est-bloquee",
        "Dépannage : l'étape est bloquée",
    ),
}

# What the code step asks for, by the login history's name of the method.
ASKED_FR = {
    "email": "le code à 6 chiffres reçu par courriel",
    "sms": "le code à 6 chiffres reçu par SMS",
    "totp": "le code à 6 chiffres affiché par votre application d'authentification",
    "recovery": "un de vos codes de récupération",
}
MESSAGE_FR = {"email": "courriel", "sms": "SMS"}

# The portals' own check outcomes (domain.codes, services.factors) mapped to a kind.
_FROM_CHECK = {
    "ok": Outcome.ACCEPTED,
    "malformed": Outcome.MALFORMED,
    "wrong": Outcome.WRONG,
    "totp_wrong": Outcome.WRONG,
    "recovery_wrong": Outcome.WRONG,
    "expired": Outcome.EXPIRED,
    "used": Outcome.USED,
    "replay": Outcome.USED,
    "voided": Outcome.OLDER_MESSAGE,
    "other_request": Outcome.OLDER_MESSAGE,
    "locked": Outcome.LOCKED,
}


@dataclass(frozen=True)
class Clues:
    """What the service found out about the typed text, without keeping it."""

    is_password: bool = False  # the account's password (or the start a field's maxlength kept)
    other_entry: bool = False  # the current code of another account in the authenticator app


def classify(check_outcome: str, clues: Clues = Clues()) -> Outcome:
    """The kind of an attempt from the check's outcome and the clues.

    A lock wins (nothing typed is looked at while locked); then the password, since a
    password is never a valid code; then another entry of the app, which explains a « wrong »
    code better than « wrong » does.
    """
    outcome = _FROM_CHECK.get(check_outcome, Outcome.WRONG)
    if outcome in (Outcome.LOCKED, Outcome.ACCEPTED):
        return outcome
    if clues.is_password:
        return Outcome.PASSWORD_AS_CODE
    if clues.other_entry and outcome in (Outcome.WRONG, Outcome.OLDER_MESSAGE):
        return Outcome.OTHER_ENTRY
    return outcome


def looks_like_password(typed: str | None, password: str, maxlength: int) -> bool:
    """The typed text is the password, or what a field of ``maxlength`` kept of it."""
    if not typed or not password:
        return False
    typed = typed.strip()
    return typed == password or (
        len(typed) == maxlength < len(password) and password.startswith(typed)
    )


def tell(outcome: Outcome, method: str) -> str | None:
    """The sentence that names the mistake, for the kinds the portal's own message does not
    already name (« Ce code a expiré » does); None leaves the portal's message as it is. The
    attempts left are added after it either way."""
    asked = ASKED_FR.get(method, "le code demandé")
    if outcome is Outcome.PASSWORD_AS_CODE:
        return f"Vous avez saisi votre mot de passe : c'est {asked} qui est demandé."
    if outcome is Outcome.OTHER_ENTRY:
        return (
            "Ce code vient d'un autre compte de votre application d'authentification : "
            "lisez le code affiché sous le nom de ce portail."
        )
    if outcome is Outcome.OLDER_MESSAGE and method in MESSAGE_FR:
        message = MESSAGE_FR[method]
        return (
            f"Ce code vient d'un ancien {message} : il a été remplacé par un code plus récent. "
            f"Saisissez le code du dernier {message} reçu."
        )
    return None
