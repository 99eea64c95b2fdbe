"""A class's training records read for its trainer: funnels, mistakes, times, who is stuck.

Everything comes from two reads: the exercises' facts (what proves each one done) and the
training records. The rules (how a page moves a trainee through a funnel, what « bloqué »
means, percentiles) are in ``domain.analytics``; this module only gathers their inputs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ..domain import analytics, mistakes
from ..store import Classroom
from . import classes, exercises, records

MIN_STUCK, MAX_STUCK = 1, 120  # minutes a trainer may choose


@dataclass(frozen=True)
class Stage:
    label: str
    pattern: str
    anchor: str  # the guide's anchor of its first step


def funnel(key: str) -> list[Stage]:
    """The stages of an exercise's funnel, from its walkthroughs' shown steps."""
    steps = exercises.walkthrough_steps()[key]
    patterns = analytics.stages([s.page for s in steps])
    found, index = [], 0
    for pattern in patterns:
        while steps[index].page != pattern:
            index += 1
        found.append(Stage(_label(steps[index].id), pattern, steps[index].id))
        while index < len(steps) and steps[index].page == pattern:
            index += 1
    return found


# Step ids are ASCII kebab-case; the funnel reads them as words, accents given back.
_WORDS = {
    "acces": "accès", "active": "activé", "activee": "activée", "boite": "boîte",
    "bnum": "BNUM", "cerbere": "Cerbère", "connecte": "connecté", "cree": "créé",
    "creer": "créer", "enregistre": "enregistré", "enregistres": "enregistrés",
    "eulogin": "EU Login", "gerer": "gérer", "grise": "grisé", "indesirables": "indésirables",
    "l": "l'", "methode": "méthode", "numero": "numéro", "numeros": "numéros", "piag": "PIAG",
    "qr": "QR", "recuperation": "récupération", "refuse": "refusé", "securite": "sécurité",
    "sms": "SMS", "verifier": "vérifier",
}  # fmt: skip


def _label(step_id: str) -> str:
    words = " ".join(_WORDS.get(w, w) for w in step_id.split("-")).replace("' ", "'")
    return words[:1].upper() + words[1:]


@dataclass
class TraineeExercise:
    """One trainee's row for one exercise (the export's row)."""

    reached: int = -1
    started: datetime | None = None
    done: bool = False
    seconds: float | None = None
    mistakes: Counter = field(default_factory=Counter)
    guided: int = 0


@dataclass
class ExerciseReport:
    exercise: exercises.Exercise
    stages: list[Stage]
    reached: list[int]  # trainees who reached each stage (or further, or finished)
    stopped: list[int]  # trainees whose furthest stage it is, not finished
    not_started: int
    done: int
    mistakes: Counter
    durations: analytics.Durations


@dataclass
class ClassReport:
    members: list
    exercises: list[ExerciseReport]
    by_portal: dict[str, Counter]
    rows: dict[str, dict[str, TraineeExercise]]  # sandbox -> exercise -> row


def report(db: Session, classroom: Classroom) -> ClassReport:
    members = classes.members(db, classroom)
    done = exercises.progress_all(db, members)
    every = records.of_sandboxes(db, [m.id for m in members])
    rows = {m.id: {} for m in members}
    by_portal: dict[str, Counter] = {}
    for member in members:
        for record in every[member.id]:
            if record.kind == records.ATTEMPT and record.outcome != mistakes.Outcome.ACCEPTED:
                by_portal.setdefault(record.portal, Counter())[record.outcome] += 1
    reports = []
    for exercise in exercises.CATALOGUE:
        stages = funnel(exercise.key)
        patterns = [s.pattern for s in stages]
        slugs = set(exercises.WALKTHROUGHS[exercise.key])
        for member in members:
            rows[member.id][exercise.key] = _trainee(
                every[member.id], patterns, slugs, exercise, done[member.id][exercise.key]
            )
        reports.append(_exercise(exercise, stages, [rows[m.id][exercise.key] for m in members]))
    return ClassReport(members, reports, by_portal, rows)


def _trainee(mine, patterns, slugs, exercise, done: bool) -> TraineeExercise:
    pages = [(r.step, r.wall_at) for r in mine if r.kind == records.PAGE]
    progress = analytics.walk(patterns, pages)
    row = TraineeExercise(progress.reached, progress.started, done)
    if done and progress.started and progress.last_move:
        row.seconds = (progress.last_move - progress.started).total_seconds()
    end = progress.last_move if done else None
    for record in mine:
        if record.kind == records.GUIDED and record.step in slugs:
            row.guided += 1
        if (
            record.kind == records.ATTEMPT
            and record.portal == exercise.portal
            and record.outcome != mistakes.Outcome.ACCEPTED
            and progress.started is not None
            and record.wall_at >= progress.started
            and (end is None or record.wall_at <= end)
        ):
            row.mistakes[record.outcome] += 1
    return row


def _exercise(exercise, stages, rows: list[TraineeExercise]) -> ExerciseReport:
    reached = [sum(1 for r in rows if r.done or r.reached >= i) for i in range(len(stages))]
    stopped = [sum(1 for r in rows if not r.done and r.reached == i) for i in range(len(stages))]
    total = Counter()
    for row in rows:
        total.update(row.mistakes)
    return ExerciseReport(
        exercise,
        stages,
        reached,
        stopped,
        not_started=sum(1 for r in rows if not r.done and r.reached < 0),
        done=sum(1 for r in rows if r.done),
        mistakes=total,
        durations=analytics.durations([r.seconds for r in rows if r.seconds is not None]),
    )


# The live table's « bloqué » mark --------------------------------------------------------------


@dataclass(frozen=True)
class StuckMark:
    stuck: analytics.Stuck
    minutes: int  # on the step, in sandbox time
    walkthrough: str | None  # what guided mode would turn on


def last_stages() -> dict[str, str]:
    """Each exercise's last stage: a trainee who finished it and rests there is not stuck."""
    return {key: steps[-1].page for key, steps in exercises.walkthrough_steps().items() if steps}


def stuck_marks(
    db: Session, members: list, done: dict[str, dict[str, bool]], minutes: int, wall_now: datetime
) -> dict[str, StuckMark | None]:
    """Each member's mark, from one query whatever the class size."""
    recent = records.recent(db, [m.id for m in members])
    ends, threshold = last_stages(), timedelta(minutes=minutes)
    marks: dict[str, StuckMark | None] = {}
    for member in members:
        now = wall_now + timedelta(seconds=member.clock_offset_seconds or 0)
        finished = frozenset(page for key, page in ends.items() if done[member.id][key])
        stuck = analytics.stuck(recent.get(member.id, []), now, threshold, finished)
        marks[member.id] = (
            StuckMark(
                stuck,
                int((now - stuck.since).total_seconds() // 60),
                _walkthrough_for(stuck, done[member.id]),
            )
            if stuck
            else None
        )
    return marks


def _walkthrough_for(stuck: analytics.Stuck, done: dict[str, bool]) -> str | None:
    """The walkthrough of the first unfinished exercise at that page (or on that portal)."""
    steps = exercises.walkthrough_steps()
    for exercise in exercises.CATALOGUE:
        if done.get(exercise.key) or not exercises.WALKTHROUGHS[exercise.key]:
            continue
        if any(s.page == stuck.step for s in steps[exercise.key]):
            return _slug_with_page(exercise.key, stuck.step)
    for exercise in exercises.CATALOGUE:
        if (
            not done.get(exercise.key)
            and exercise.portal == stuck.portal
            and exercises.WALKTHROUGHS[exercise.key]
        ):
            return exercises.WALKTHROUGHS[exercise.key][0]
    return None


def _slug_with_page(key: str, pattern: str) -> str:
    slugs, every = exercises.WALKTHROUGHS[key], exercises.walkthroughs()
    return next(
        (s for s in slugs if any(step.page == pattern for step in every[s].shown_steps())),
        slugs[0],
    )
