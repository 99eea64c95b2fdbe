"""Short column names for the instructor's live table.

Twelve full exercise titles do not fit as column headers on a 1280 px screen, and numbers
with a legend below make the trainer look down and back for every cell. Each column shows
its portal and a few words; the full title stays the header's accessible name (for screen
readers) and its tooltip. Kept here, beside the table, so the catalogue stays about what an
exercise is and what proves it done.
"""

from __future__ import annotations

from ..services.exercises import DECLARED_COLUMNS

# exercise key -> (portal, a few words)
SHORT_TITLES: dict[str, tuple[str, str]] = {
    "pigp-premiere-connexion": ("PIGP", "1re connexion"),
    "pigp-code-indesirable": ("PIGP", "indésirables"),
    "pigp-courriel-retarde": ("PIGP", "courriel retardé"),
    "pigp-adresse-erronee": ("PIGP", "adresse erronée"),
    "bnum-2fa": ("BNUM", "2FA"),
    "piag-otp-mel": ("PIAG", "OTP Mél"),
    "karbon-configuration": ("Karbon", "configuration"),
    "karbon-code-recuperation": ("Karbon", "code de récup."),
    "onegov-2fa": ("OneGov", "2FA"),
    "onegov-2fa-interdite": ("OneGov", "2FA interdite"),
    "eulogin-sms": ("EU Login", "SMS"),
    "eulogin-sms-retard": ("EU Login", "SMS en retard"),
    "leurre-faux-courriel-pigp": ("Leurre", "faux PIGP"),
    "leurre-code-non-demande": ("Leurre", "code non demandé"),
    "leurre-fausse-assistance": ("Leurre", "fausse assistance"),
    "leurre-pousse-sms": ("Leurre", "poussé au SMS"),
    **DECLARED_COLUMNS,  # a portal's own, declared with it in domain/registry.py
}

# What a cell says, on the page and when the table refreshes itself (instructor.js reads
# them from the table's data attributes).
DONE_TEXT = "✓ fait"
TODO_TEXT = "○ à faire"

# The « bloqué » mark (issue 24): its words, on the page and in the refreshed table.
STUCK_TEXT = "bloqué"
STUCK_REASONS = {"time": "depuis {minutes} min sur la même étape", "mistakes": "3 erreurs de suite"}


def stuck_json(mark) -> dict | None:
    """What the table shows of a ``class_report.StuckMark`` (and what instructor.js reads)."""
    if mark is None:
        return None
    from ..domain.mistakes import LABELS_FR

    last = mark.stuck.last_mistake
    return {
        "reason": STUCK_REASONS[mark.stuck.reason].format(minutes=mark.minutes),
        "last": f"dernière erreur : {LABELS_FR[last]}" if last else "",
        "walkthrough": mark.walkthrough or "",
    }
