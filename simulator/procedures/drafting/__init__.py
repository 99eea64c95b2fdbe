"""From what a support writer did in the sandbox to a walkthrough draft (record mode).

The sandbox reports actions (a page shown, a field filled by its label, a box ticked, a
button or link used by its role and name), already turned into placeholders and stored as
``procedures.events.RecordedEvent``; :func:`draft` checks them once against that model, then
each module does one job, the way the hand-written walkthroughs are cut:

- ``visits``: events → page visits per tab (and the screen of a code read unrecorded);
- ``steps``: a visit → a step, its page pattern and locator (a code read: a ``remember``);
- ``names`` and ``captions``: its id and its French caption;
- ``review``: the writer's merges and removals; ``writer``: the YAML file, and its problems.

The steps come out checked by ``model.Step`` and stored as its dump. Kept free of Flask and of
the database, like ``model.py``, so it can be tested with plain lists and used by any front end.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...domain import registry
from .. import tabs
from ..events import RECORDED, RecordedEvent
from ..model import Step
from . import captions, names, steps, visits
from .captions import caption, plain, plain_words, rebold
from .names import slug_for, slugify
from .review import DraftError, merge, remove
from .steps import page_pattern, remember_of
from .writer import to_yaml, validate, walkthrough_data

TAB_WORDS = tabs.OF_IT  # « de la messagerie »: the review page names each step's tab


def draft(events: Iterable[dict | RecordedEvent], title: str, portal: str) -> dict:
    """The reviewable draft: walkthrough header, steps (``model.Step`` dumps) and notes.

    ``events``: as ``services/recordings.events_of`` reads them back — kind (page, fill,
    check, select, click, note), tab, path, at (milliseconds, ordering the tabs' actions) and
    data; typed values already placeholders.
    """
    recorded = sorted(RECORDED.validate_python(list(events)), key=lambda e: e.at)
    recorded = visits.with_unrecorded_screens(recorded)
    notes = [e.data.text for e in recorded if e.kind == "note"]
    actions = [e for e in recorded if e.kind != "note"]
    owner = visits.visits(actions)
    cut = steps.cut(steps.read_codes(actions, owner), owner)
    names.name_steps(cut)
    captions.caption_all(cut)
    notes += steps.opening_notes(cut)
    return {
        "slug": slug_for(title, portal),
        "title": title,
        "portal": portal,
        "guide": registry.BY_KEY[portal].guide_doc if portal in registry.BY_KEY else f"{portal}.md",
        "steps": [_stored(step) for step in cut],
        "notes": notes,
    }


def _stored(step: dict) -> dict:
    """A cut step checked by the model, as the review stores it: its fields without the
    defaults, its tab always (the review names it), and the page's title it was drafted from."""
    fields = {key: value for key, value in step.items() if key != "_heading"}
    checked = Step(**fields)
    return {
        **checked.model_dump(mode="json", exclude_defaults=True),
        "tab": checked.tab,
        "_heading": step["_heading"],
    }


__all__ = [
    "TAB_WORDS",
    "DraftError",
    "caption",
    "draft",
    "merge",
    "page_pattern",
    "plain",
    "plain_words",
    "rebold",
    "remember_of",
    "remove",
    "slug_for",
    "slugify",
    "to_yaml",
    "validate",
    "walkthrough_data",
]
