"""What a class's training records say: how far each trainee went in an exercise's
walkthrough, how long it took, who is stuck now. Plain Python over plain values, so the
rules are tested without a server and the trainer's pages only arrange what comes out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from .mistakes import Outcome

LOOKAHEAD = 2  # a page may skip one stage (a step done in a tab already open sends no page)
IN_A_ROW = 3  # mistakes in a row on one step that make a trainee « bloqué »


class Event(Protocol):
    """A training record as these rules read it (the store's row has these attributes)."""

    at: datetime
    kind: str
    portal: str
    step: str
    outcome: str


def stages(pages: Sequence[str]) -> list[str]:
    """The funnel's stages: a walkthrough's step pages, a run of steps on one page merged
    (several steps happen on one page, and a page record cannot tell them apart)."""
    merged: list[str] = []
    for page in pages:
        if not merged or merged[-1] != page:
            merged.append(page)
    return merged


@dataclass(frozen=True)
class Progress:
    reached: int  # index of the furthest stage, -1 before the first
    started: datetime | None  # wall time of the first stage reached
    last_move: datetime | None  # wall time of the last stage reached


def walk(funnel: Sequence[str], pages: Iterable[tuple[str, datetime]]) -> Progress:
    """Follow the pages reached (pattern, wall time), oldest first, through the stages.

    A page moves the trainee to the next stage it names within ``LOOKAHEAD`` stages, so a
    page seen out of order (the mailbox before the login) does not count as progress.
    """
    reached, started, last = -1, None, None
    for pattern, when in pages:
        for index in range(reached + 1, min(reached + 1 + LOOKAHEAD, len(funnel))):
            if funnel[index] == pattern:
                reached, last = index, when
                started = started or when
                break
    return Progress(reached, started, last)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank percentile (a value that occurred: « 90 % took at most this »)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Durations:
    count: int
    median: float | None
    p90: float | None
    slowest: float | None


def durations(seconds: Sequence[float]) -> Durations:
    return Durations(
        len(seconds),
        percentile(seconds, 50),
        percentile(seconds, 90),
        max(seconds) if seconds else None,
    )


@dataclass(frozen=True)
class Stuck:
    reason: str  # « time » | « mistakes »
    since: datetime  # sandbox time the step began (time) or the first of the mistakes
    step: str  # the page's pattern or the code step
    portal: str
    last_mistake: Outcome | None


def stuck(
    events: Sequence[Event],
    now: datetime,
    threshold: timedelta,
    finals: frozenset[str],
) -> Stuck | None:
    """Whether a trainee is stuck now, from their last pages and attempts (oldest first).

    Stuck: ``IN_A_ROW`` refused attempts in a row on one step (pages in between do not
    break the row, an accepted attempt or another step does); or more than ``threshold`` of
    sandbox time on the last page reached, unless that page ends the walkthrough of an
    exercise the trainee finished (``finals``) or an attempt was accepted since.
    """
    attempts = [e for e in events if e.kind == "attempt"]
    last_mistake = next(
        (Outcome(e.outcome) for e in reversed(attempts) if e.outcome != Outcome.ACCEPTED), None
    )
    row: list[Event] = []
    for event in reversed(attempts):
        if event.outcome == Outcome.ACCEPTED or (
            row and (event.portal, event.step) != (row[0].portal, row[0].step)
        ):
            break
        row.append(event)
    if len(row) >= IN_A_ROW:
        return Stuck("mistakes", row[-1].at, row[0].step, row[0].portal, last_mistake)
    pages = [i for i, e in enumerate(events) if e.kind == "page"]
    if not pages:
        return None
    last_page = events[pages[-1]]
    accepted_since = any(e.outcome == Outcome.ACCEPTED for e in events[pages[-1] + 1 :])
    if last_page.step in finals or accepted_since or now - last_page.at <= threshold:
        return None
    return Stuck("time", last_page.at, last_page.step, last_page.portal, last_mistake)
