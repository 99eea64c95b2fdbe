"""The draft's names: the walkthrough's slug and each step's id, read from what a person sees.

A step's id names its screenshot (``03-valider.png``) and its anchor in the guide, so it says
what the step does — the button clicked, the page shown, the code read — and stays unique in
the walkthrough; the slug names the file, the portal once at its head.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import PLACEHOLDER

_LINKING = {
    "a",
    "au",
    "aux",
    "d",
    "de",
    "des",
    "du",
    "en",
    "et",
    "l",
    "la",
    "le",
    "les",
    "pour",
    "sur",
}


def slugify(text: str, words: int = 6) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", plain)
    return "-".join(parts[:words]) or "etape"


def slug_for(title: str, portal: str) -> str:
    """« Première connexion au PIGP » on PIGP: ``pigp-premiere-connexion`` (the portal once)."""
    words: list[str] = []
    for word in slugify(title, 20).split("-"):
        if word == portal:  # « … au PIGP » : the portal and the word that led to it
            while words and words[-1] in _LINKING:
                words.pop()
        else:
            words.append(word)
    while words and words[-1] in _LINKING:
        words.pop()
    return "-".join([portal, *words[:6]])[:60].strip("-")


def name_steps(steps: list[dict]) -> None:
    """Each step's ``id``: what it reads, shows, clicks or fills, numbered when it comes again."""
    used: set[str] = set()
    for step in steps:
        target = step.get("target") or {}
        if "remember" in step:
            base = "lire-le-code"
        elif step.get("action") == "none" and not step.get("fill") and not step.get("check"):
            heading = PLACEHOLDER.sub("", step.get("_heading") or "")
            base = "page-" + slugify(heading, 4) if heading.strip() else "page"
        elif target and "css" not in target:
            name = next(v for k, v in target.items() if k != "exact")
            base = slugify(re.sub(PLACEHOLDER, "", name), 5)
        else:
            base = "saisir-" + slugify(next(iter(step.get("fill") or {"champs": ""})), 4)
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        step["id"] = name
