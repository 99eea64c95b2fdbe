"""The French step text: a caption drafted from a step's actions, and the writer's edits of it.

Captions speak the guide's imperative voice (« Saisissez …, puis cliquez sur **Valider**. »)
and name the tab a step moves to with the words of ``procedures/tabs.py``, as guided mode
does. People read them, so a placeholder never shows: ``{person.full_name}`` reads « (votre
nom) ». The review page edits them as plain text; the names that were bold are bold again.
"""

from __future__ import annotations

import re

from .. import tabs
from ..model import PLACEHOLDER


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _imperative(label: str) -> bool:
    """« Choisissez un mot de passe »: a label that already says what to do."""
    first = label.split(" ", 1)[0].lower()
    return len(first) > 3 and first.endswith("ez")


def _what(label: str, value: str) -> str:
    if value.startswith("{vars."):
        return f"le code dans **{label}**"
    if PLACEHOLDER.fullmatch(value):
        return f"votre **{label}**"
    return f"« {value} » dans **{label}**"


def _back_in(key: str) -> str:
    """« de la messagerie »: the tab a step comes back to."""
    tab = tabs.BY_KEY.get(key)
    return tab.of_it if tab is not None else f"« {key} »"


def _opening(key: str, heading: str) -> str:
    """« la messagerie »: what a new tab opens — a tool of the bar, or else the page itself."""
    tab = tabs.BY_KEY.get(key)
    if tab is not None and tab.endpoint:
        return tab.it
    return f"la page « {heading} »" if heading else "la page"


def caption(step: dict, previous: dict | None = None, seen_tabs: frozenset = frozenset()) -> str:
    """The French caption drafted from a step's actions, in the guide's imperative voice."""
    actions = []
    fills = step.get("fill") or {}
    nouns = [_what(k, v) for k, v in fills.items() if not _imperative(k)]
    if nouns:
        actions.append("saisissez " + _join(nouns))
    actions += [k[0].lower() + k[1:] for k in fills if _imperative(k)]
    if step.get("check"):
        actions.append("cochez " + _join([f"**{c}**" for c in step["check"]]))
    if step.get("select"):
        actions.append(
            "choisissez " + _join([f"**{v}** dans **{k}**" for k, v in step["select"].items()])
        )
    target = step.get("target") or {}
    if step.get("action") != "none" and target:
        name = next(v for k, v in target.items() if k not in ("exact", "why"))
        actions.append(f"cliquez sur **{name}**")
    if step.get("remember"):
        actions.append("relevez le code affiché")
    heading = step.get("_heading")
    if not actions:
        text = f"La page « {heading} » s'affiche." if heading else "La page s'affiche."
    else:
        text = (
            ", ".join(actions[:-1]) + ", puis " + actions[-1] if len(actions) > 1 else actions[0]
        ) + "."
        text = text[0].upper() + text[1:]
    tab = step.get("tab", "portail")
    if previous is not None and previous.get("tab", "portail") != tab:
        if tab in seen_tabs:
            text = f"Revenez à l'onglet {_back_in(tab)}. {text}"
        else:
            text = f"Dans un nouvel onglet, ouvrez {_opening(tab, heading)}. {text}"
    return PLACEHOLDER.sub(_in_words, text)


def caption_all(steps: list[dict]) -> None:
    """Each step's ``caption``, knowing the tabs already opened before it."""
    seen: set[str] = set()
    for i, step in enumerate(steps):
        step["caption"] = caption(step, steps[i - 1] if i else None, frozenset(seen))
        seen.add(step.get("tab", "portail"))


_WORDS = {
    "full_name": "(votre nom)",
    "first_name": "(votre prénom)",
    "last_name": "(votre nom)",
    "email": "votre adresse",
    "masked_email": "votre adresse (masquée)",
    "mobile": "votre numéro de portable",
    "mobile_national": "votre numéro de portable",
    "username": "votre identifiant",
    "password": "votre mot de passe",
}


def _in_words(match: re.Match) -> str:
    """A caption is read by people: « Bienvenue {person.full_name} » reads « Bienvenue votre nom »."""
    last = match.group(1).rsplit(".", 1)[-1]
    return "le code" if match.group(1).startswith("vars.") else _WORDS.get(last, "…")


def plain(caption: str) -> str:
    """A caption as the writer edits it: the text, without the Markdown of its bold."""
    return caption.replace("**", "")


def plain_words(text: str) -> str:
    """A recorded value or heading as the writer reads it: « votre mot de passe », not a placeholder."""
    return PLACEHOLDER.sub(_in_words, plain(str(text)))


def rebold(before: str, edited: str) -> str:
    """The writer's plain text with the names that were bold before made bold again."""
    out = edited
    for phrase in sorted(set(re.findall(r"\*\*(.+?)\*\*", before)), key=len, reverse=True):
        if f"**{phrase}**" in out:
            continue
        found = re.search(rf"(?<![\w*]){re.escape(phrase)}(?![\w*])", out)
        if found:
            out = f"{out[: found.start()]}**{phrase}**{out[found.end() :]}"
    return out
