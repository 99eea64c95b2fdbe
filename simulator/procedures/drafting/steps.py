"""Page visits → walkthrough steps, cut as the hand-written ones are, each with its locator.

The fields of a form go with the click that submits them; a page left for another tab (or
for the end) becomes a step of its own when it showed something — a code to read, a page no
click led to; a code read in a tool becomes a ``remember`` on the step that shows it, and
the portal's field gets ``{vars.code}``. A step is written with ``model.Step``'s field names
(plus ``_heading``, the page's title, for its id and caption); ``model.Step`` checks it once
it is named and captioned. The page becomes a regular expression: ids and one-time tokens
change at every run.
"""

from __future__ import annotations

import re

from ..events import RecordedEvent, Source
from .visits import Visit, screen_of

_REGEX_SPECIALS = set(".^$*+?{}[]\\|()")


def page_pattern(path: str) -> str:
    """The ``page:`` regular expression of a path: ids (digits) and tokens may change per run."""
    segments = []
    for segment in path.split("/"):
        if segment.isdigit():
            segments.append(r"\d+")
        elif _token(segment):
            segments.append(r"[^/]+")
        else:
            segments.append("".join("\\" + c if c in _REGEX_SPECIALS else c for c in segment))
    return "/".join(segments)


def _token(segment: str) -> bool:
    """A one-time token in a path (a reset link's), not a word: it changes at every run."""
    digits = sum(c.isdigit() for c in segment)
    return (
        len(segment) >= 20
        and re.fullmatch(r"[A-Za-z0-9_-]+", segment) is not None
        and re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", segment) is None
        and digits >= 2
    )


def is_plain(path: str) -> bool:
    """A path that is the same at every run: a step can ``goto`` it."""
    return page_pattern(path) == path


def remember_of(source: Source) -> dict:
    """Where the runner reads the code again: the message body, the SMS, the app's entry."""
    length = source.length or 6
    pattern = rf"\b(\d{{{length}}})\b"
    if source.kind == "mail":
        return {"target": {"region": "Contenu du message"}, "pattern": pattern}
    if source.kind == "sms":
        return {"target": {"text": source.prefix or "code", "exact": False}, "pattern": pattern}
    # the app's entry, named by its issuer, shows the code as two groups of digits
    half = length // 2
    return {
        "target": {"listitem": source.issuer, "exact": False},
        "pattern": rf"\b(\d{{{half}}}) (\d{{{length - half}}})\b",
    }


def read_codes(events: list[RecordedEvent], owner: dict[int, Visit]) -> list[RecordedEvent]:
    """Each code typed becomes ``{vars.code}`` (``code2``… for another one), remembered on the
    last visit before it that showed it."""
    names: dict[Source, str] = {}
    out = list(events)
    for index, event in enumerate(events):
        source = event.data.source
        if event.kind != "fill" or not source:
            continue
        _, on_screen = screen_of(source)
        shown = [
            owner[i] for i in range(index) if events[i].kind == "page" and on_screen(events[i].path)
        ]
        name = names.setdefault(source, "code" if not names else f"code{len(names) + 1}")
        typed = event.data.model_copy(update={"value": f"{{vars.{name}}}"})
        out[index] = event.model_copy(update={"data": typed})
        if shown:
            shown[-1].remember[name] = remember_of(source)
    return out


def cut(events: list[RecordedEvent], owner: dict[int, Visit]) -> list[dict]:
    """The steps, in order: a click closes one; leaving a page closes what it holds."""
    steps: list[dict] = []
    previous = None
    for index, event in enumerate(events):
        visit = owner[index]
        if previous is not None and previous is not visit:
            _leave(previous, steps)
        if event.kind in ("fill", "check", "select"):
            visit.pending.append(event)
        elif event.kind == "click":
            steps.append(_step(visit, event))
        previous = visit
    if previous is not None:
        _leave(previous, steps, last=True)
    return steps


def _leave(visit: Visit, steps: list[dict], last: bool = False) -> None:
    """The writer left this page (another tab, another page, the end): what it showed."""
    if visit.pending:
        steps.append(_step(visit, None))
    elif visit.steps == 0 and (
        visit.remember or visit.click_path != visit.path or last and visit.click_path is None
    ):
        steps.append(_step(visit, None))


def _step(visit: Visit, click: RecordedEvent | None) -> dict:
    step: dict = {"tab": visit.tab, "page": page_pattern(visit.path)}
    if visit.steps == 0 and visit.opened and is_plain(visit.path):
        step["goto"] = visit.path
    fill, check, select = {}, {}, {}
    for event in visit.pending:
        data = event.data
        if event.kind == "fill":
            fill[data.label] = data.value
        elif event.kind == "check":
            check[data.label] = data.checked
        else:
            select[data.label] = data.option
    visit.pending = []
    if fill:
        step["fill"] = fill
    if any(check.values()):
        step["check"] = [label for label, on in check.items() if on]
    if select:
        step["select"] = select
    if visit.remember and visit.steps == 0:
        step["remember"] = dict(visit.remember)
    step.update(_locator(visit, click, step.get("remember")))
    step["_heading"] = visit.heading
    visit.steps += 1
    return step


def _locator(visit: Visit, click: RecordedEvent | None, remember: dict | None) -> dict:
    """What the step points at: the button or link clicked, by its role and name; else the
    code it reads, or the page's title, only shown (``action: none``)."""
    if click is not None:
        data = click.data
        return {"target": {data.role: data.name, **({} if data.exact else {"exact": False})}}
    if remember:
        return {"target": next(iter(remember.values()))["target"], "action": "none"}
    if visit.heading:
        return {"target": {"heading": visit.heading}, "action": "none"}
    return {"action": "none"}


def opening_notes(steps: list[dict]) -> list[str]:
    """A tab's first step that cannot ``goto`` its page: the writer must say how to get there."""
    seen, notes = set(), []
    for number, step in enumerate(steps, start=1):
        tab = step.get("tab", "portail")
        if tab not in seen and "goto" not in step:
            notes.append(
                f"L'étape {number} est la première de l'onglet « {tab} » mais son adresse change à chaque"
                f" fois ({step['page']}) : ajoutez-lui un « goto » ou une étape qui y mène."
            )
        seen.add(tab)
    return notes
