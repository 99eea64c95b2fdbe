"""The writer's review of a draft: two steps merged into one, a step removed.

The draft under review is the stored one (``Recording.draft``: JSON), edited between two
requests and not always a valid walkthrough yet, so these work on its steps as dictionaries
and refuse, in French, a change that would break the procedure — a merge across pages, the
removal of the step that reads a code a later step types.
"""

from __future__ import annotations

from ..model import PLACEHOLDER
from .steps import is_plain


class DraftError(ValueError):
    """A change the draft cannot take, in French."""


def merge(steps: list[dict], index: int) -> list[dict]:
    """Step ``index`` and the next one become one (same tab and page; the first does not click)."""
    if not 0 <= index < len(steps) - 1:
        raise DraftError("Il n'y a pas d'étape suivante à fusionner.")
    first, second = steps[index], steps[index + 1]
    if (
        first.get("tab", "portail") != second.get("tab", "portail")
        or first["page"] != second["page"]
    ):
        raise DraftError(
            f"Les étapes {index + 1} et {index + 2} ne se passent pas sur la même page du même onglet :"
            " elles ne peuvent pas être fusionnées."
        )
    if first.get("action") != "none" and first.get("target"):
        raise DraftError(
            f"L'étape {index + 1} se termine par un clic (elle change de page) : une étape ne fait"
            " qu'une action, elle ne peut pas être fusionnée avec la suivante."
        )
    if second.get("goto"):
        raise DraftError(
            f"L'étape {index + 2} rouvre la page : elle ne peut pas être fusionnée avec la précédente."
        )
    merged = dict(first)
    for key in ("fill", "select", "remember"):
        if first.get(key) or second.get(key):
            merged[key] = {**(first.get(key) or {}), **(second.get(key) or {})}
    if first.get("check") or second.get("check"):
        merged["check"] = list(
            dict.fromkeys([*(first.get("check") or []), *(second.get("check") or [])])
        )
    if second.get("target"):
        merged["target"] = second["target"]
        merged["action"] = second.get("action")
        if merged["action"] is None:
            merged.pop("action")
    merged["quotes"] = list(
        dict.fromkeys([*(first.get("quotes") or []), *(second.get("quotes") or [])])
    )
    merged["caption"] = " ".join(
        p for p in (first.get("caption", "").strip(), second.get("caption", "").strip()) if p
    )
    merged["screenshot"] = first.get("screenshot", True) or second.get("screenshot", True)
    return [*steps[:index], merged, *steps[index + 2 :]]


def variables_of(step: dict) -> set[str]:
    """The ``{vars.…}`` a step types, selects or opens: an earlier step must read them."""
    texts = [
        *(step.get("fill") or {}).values(),
        *(step.get("select") or {}).values(),
        step.get("goto") or "",
    ]
    return {
        m.group(1).split(".", 1)[1]
        for t in texts
        for m in PLACEHOLDER.finditer(str(t))
        if m.group(1).startswith("vars.")
    }


def remove(steps: list[dict], index: int) -> list[dict]:
    """Step ``index`` dropped; its page is opened by the next step of the tab if it opened it."""
    if not 0 <= index < len(steps):
        raise DraftError("Cette étape n'existe pas.")
    step = steps[index]
    later = (
        set().union(*[variables_of(s) for s in steps[index + 1 :]]) if steps[index + 1 :] else set()
    )
    needed = sorted(set(step.get("remember") or {}) & later)
    if needed:
        raise DraftError(
            f"L'étape {index + 1} relève {', '.join('{vars.' + n + '}' for n in needed)}, utilisé plus"
            " loin : elle ne peut pas être supprimée (décochez plutôt sa capture)."
        )
    if len(steps) == 1:
        raise DraftError("Un parcours garde au moins une étape.")
    rest = [dict(s) for s in steps]
    following = next(
        (s for s in rest[index + 1 :] if s.get("tab", "portail") == step.get("tab", "portail")),
        None,
    )
    if (
        step.get("goto")
        and following is not None
        and not following.get("goto")
        and is_plain(following["page"])
    ):
        following["goto"] = following["page"]
    return [*rest[:index], *rest[index + 1 :]]
