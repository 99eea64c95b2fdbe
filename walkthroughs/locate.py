"""Find on a page what a step names, the way a person reads it (role and accessible name).

A missing element fails with what the page does show of that kind, so a renamed button
reads as « aucun bouton « Valider » sur /pigp/code ; boutons présents : « Validez » ».
"""

from __future__ import annotations

import re
import unicodedata

from simulator.procedures.model import ROLE_KINDS, Locator


class NotOnScreen(LookupError):
    pass


def normalise(text: str) -> str:
    """Whitespace folded and typographic quotes made plain, for comparing screen words."""
    text = unicodedata.normalize("NFC", text)
    for fancy, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "),
                         ("\u202f", " ")):  # fmt: skip
        text = text.replace(fancy, plain)
    return " ".join(text.split())


def element(page, locator: Locator, resolve=lambda s: s, checked: bool = True):
    """The first element the locator names; NotOnScreen (in French) when there is none.
    Unchecked (the bench's floor: Playwright's calls alone), the locator as it is, without
    the round trip that counts its elements."""
    name = resolve(locator.name)
    kind = locator.kind
    if kind == "css":
        found = page.locator(name)
    elif kind == "field":
        found = page.get_by_label(name, exact=locator.exact)
    elif kind == "text":
        found = page.get_by_text(name, exact=locator.exact)
    else:
        found = page.get_by_role(kind, name=name, exact=locator.exact)
    if checked and found.count() == 0:
        raise NotOnScreen(_missing(page, locator, name))
    return found.first


def url_path(url: str) -> str:
    """The path a step's ``page`` pattern is matched against: no origin, query or fragment."""
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0].split("#")[0] or "/"


def field(page, label: str, resolve=lambda s: s, checked: bool = True):
    return element(page, Locator(field=label), resolve, checked)


def _missing(page, locator: Locator, name: str) -> str:
    words = locator.describe().split(" « ")[0]
    path = url_path(page.url)
    present = _present(page, locator.kind)
    shown = ", ".join(f"« {p} »" for p in present[:12]) or "aucun"
    plural = {"bouton": "boutons", "lien": "liens", "champ": "champs"}.get(words, words)
    return f"aucun {words} « {name} » sur {path} ; {plural} présents : {shown}"


def _present(page, kind: str) -> list[str]:
    """The accessible names of the elements of that kind, as far as a page script can tell."""
    if kind == "field":
        script = "els => els.map(l => l.innerText.trim()).filter(Boolean)"
        return page.locator("label").evaluate_all(script)
    if kind not in ROLE_KINDS:
        return []
    script = """els => els.map(el => (el.getAttribute('aria-label') || el.innerText || el.value
        || '').trim().replace(/\\s+/g, ' ')).filter(Boolean)"""
    return page.get_by_role(kind).evaluate_all(script)


def missing_quotes(page, quotes: tuple[str, ...]) -> list[str]:
    """The quotes (seed sentences) that the page does not show word for word."""
    if not quotes:
        return []
    shown = normalise(page.locator("body").inner_text())
    return [q for q in quotes if normalise(q) not in shown]
