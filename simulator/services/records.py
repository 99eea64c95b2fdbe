"""The training record: the one writer and reader of ``training_records`` (issue 24).

The shared steps (the password check, the code step) and the sandbox's tools (mailbox,
guided mode, incidents, clock) write here, in the request's own transaction: a refused code
and its record are saved together or not at all. The exercises' funnels, the trainer's
analytics and the export read here. Nothing else keeps a second log, and nothing typed is
kept: an attempt is stored as its kind of mistake.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain import mistakes
from ..store import TrainingRecord
from .context import SandboxContext

ATTEMPT, PAGE, MESSAGE, GUIDED, INCIDENT, CLOCK = (
    "attempt",
    "page",
    "message",
    "guided",
    "incident",
    "clock",
)
PASSWORD_STEP = "password"  # noqa: S105 - a step name; code steps are named by their method
ENROLMENT_STEP = "enrolment"  # the first code of a new factor (an app, a number, an address)
RECENT = 12  # records per trainee read for the live table's « bloqué » mark


def _write(ctx: SandboxContext, kind: str, **fields) -> None:
    ctx.db.add(
        TrainingRecord(
            sandbox_id=ctx.sandbox.id, at=ctx.now(), wall_at=ctx.wall_now(), kind=kind, **fields
        )
    )


def attempt(ctx: SandboxContext, portal: str, step: str, outcome: mistakes.Outcome) -> None:
    """A password or code typed and judged: its step and its kind, never the text."""
    _write(ctx, ATTEMPT, portal=portal, step=step[:200], outcome=outcome.value)


@functools.cache
def _page_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The pages the exercises' walkthroughs name, as (pattern, compiled)."""
    from . import exercises  # the catalogue reads the walkthroughs; imported when first used

    patterns = dict.fromkeys(
        step.page for steps in exercises.walkthrough_steps().values() for step in steps
    )
    return tuple((p, re.compile(p)) for p in patterns)


def warm() -> None:
    _page_patterns()


def page_pattern(path: str) -> str | None:
    """The walkthrough pattern a path matches: what a page record keeps (a reset link's
    path holds its token; the pattern ``/onegov/mot-de-passe/nouveau/[0-9a-f]+`` does not)."""
    return next((p for p, compiled in _page_patterns() if compiled.fullmatch(path)), None)


def page(ctx: SandboxContext, path: str) -> None:
    """A page of an exercise's walkthrough reached (other pages are not the funnel's)."""
    pattern = page_pattern(path)
    if pattern is None:
        return
    step = pattern[:200]
    # The funnel asks whether a page was reached: its first arrival is written, a page shown
    # again (a reload, the other tab, the way back) is one read on the sandbox's index, which
    # keeps such a request off SQLite's single write lock (issue 28).
    seen = ctx.db.scalar(
        select(TrainingRecord.id)
        .where(
            TrainingRecord.sandbox_id == ctx.sandbox.id,
            TrainingRecord.kind == PAGE,
            TrainingRecord.step == step,
        )
        .limit(1)
    )
    if seen is None:
        _write(ctx, PAGE, portal=_portal_of(path), step=step)


def _portal_of(path: str) -> str:
    return path.strip("/").split("/", 1)[0][:20]


def message_opened(ctx: SandboxContext, channel: str, portal: str, kind: str, folder: str) -> None:
    _write(ctx, MESSAGE, portal=portal[:20], step=f"{channel}:{kind}"[:200], outcome=folder[:20])


def guided_step(ctx: SandboxContext, slug: str, number: int) -> None:
    _write(ctx, GUIDED, step=slug[:200], value=number)


def incident(ctx: SandboxContext, name: str, on: bool) -> None:
    _write(ctx, INCIDENT, step=name[:200], outcome="on" if on else "off")


def clock_moved(ctx: SandboxContext, seconds: int) -> None:
    _write(ctx, CLOCK, value=int(seconds))


# Reading -------------------------------------------------------------------------------------


def of_sandboxes(db: Session, ids: Iterable[str]) -> dict[str, list[TrainingRecord]]:
    """Every record of these sandboxes, oldest first, in one query a 500 identifiers."""
    ids = list(ids)
    found: dict[str, list[TrainingRecord]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        for record in db.scalars(
            select(TrainingRecord)
            .where(TrainingRecord.sandbox_id.in_(ids[start : start + 500]))
            .order_by(TrainingRecord.id)
        ):
            found[record.sandbox_id].append(record)
    return found


def recent(db: Session, ids: Iterable[str], per: int = RECENT) -> dict[str, list]:
    """The last ``per`` pages and attempts of each sandbox, oldest first, in one query
    whatever the class size (a window function: SQLite 3.25+ and PostgreSQL)."""
    ids = list(ids)
    found: dict[str, list] = defaultdict(list)
    if not ids:
        return found
    number = (
        func.row_number()
        .over(partition_by=TrainingRecord.sandbox_id, order_by=TrainingRecord.id.desc())
        .label("n")
    )
    ranked = (
        select(
            TrainingRecord.sandbox_id,
            TrainingRecord.id,
            TrainingRecord.at,
            TrainingRecord.kind,
            TrainingRecord.portal,
            TrainingRecord.step,
            TrainingRecord.outcome,
            number,
        )
        .where(TrainingRecord.sandbox_id.in_(ids), TrainingRecord.kind.in_((PAGE, ATTEMPT)))
        .subquery()
    )
    for row in db.execute(select(ranked).where(ranked.c.n <= per).order_by(ranked.c.id)):
        found[row.sandbox_id].append(row)
    return found


def delete_for(db: Session, ids: Iterable[str]) -> int:
    """Delete these sandboxes' records; how many rows went."""
    ids, gone = list(ids), 0
    for start in range(0, len(ids), 500):
        gone += (
            db.execute(
                delete(TrainingRecord).where(
                    TrainingRecord.sandbox_id.in_(ids[start : start + 500])
                )
            ).rowcount
            or 0
        )
    return gone


def count(db: Session, ids: Iterable[str]) -> int:
    ids, total = list(ids), 0
    for start in range(0, len(ids), 500):
        total += db.scalar(
            select(func.count())
            .select_from(TrainingRecord)
            .where(TrainingRecord.sandbox_id.in_(ids[start : start + 500]))
        )
    return total


def incidents(ctx: SandboxContext, before: dict, after: dict) -> None:
    """One record per incident switched on or off (a delay's value counts as on)."""
    for name in sorted(set(before) | set(after)):
        if bool(before.get(name)) != bool(after.get(name)):
            incident(ctx, name, bool(after.get(name)))
