"""The grades outbox: a trainee's score for a link is written to ``lti_grades`` in the same
transaction as what they did, and posted to the platform later by a worker, never in their
request. The row stays until the platform accepted it; a failure waits longer each time.

Why a thread per server process (started at its first request, so after gunicorn's fork)
rather than at the next request of anyone: a score must reach Moodle « within a minute »
even when the room goes quiet, and a network call to Moodle must never slow a trainee's
page. Several processes or hosts share the table without posting a row twice: a worker
claims a row with one UPDATE guarded by ``claimed_until``, and a crash simply lets the
claim expire. Rows are in the database, so a restart loses nothing; ``python -m simulator
lti --envoyer`` posts what is due by hand.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime, timedelta

from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..services import exercises
from ..store import Classroom, LtiGrade, LtiLink, LtiRegistration, LtiUser, Sandbox
from ..store.lti import LtiContext
from . import keys, tool
from .tool import utcnow

SCORE_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
]
BACKOFF = (30, 60, 120, 300, 600, 1800, 3600)  # seconds after the 1st, 2nd… failure
CLAIM_FOR = timedelta(minutes=2)
POLL_SECONDS = 10
log = logging.getLogger("simulator.lti")


def score_of(done: dict[str, bool], keys_: list[str]) -> tuple[float, float]:
    """Exercises of the link done, and their number (the platform scales to its maximum)."""
    return float(sum(1 for k in keys_ if done.get(k))), float(len(keys_))


def enqueue(db: Session, link: LtiLink, user: LtiUser, done: dict[str, bool], now) -> LtiGrade:
    given, maximum = score_of(done, link.exercises)
    row = db.scalars(
        select(LtiGrade).where(LtiGrade.link_id == link.id, LtiGrade.sandbox_id == user.sandbox_id)
    ).first()
    if row is None:
        row = LtiGrade(
            link_id=link.id,
            sandbox_id=user.sandbox_id,
            sub=user.sub,
            score_given=given,
            score_maximum=maximum,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            updated_at=now,
        )
        db.add(row)
    elif (row.score_given, row.score_maximum) != (given, maximum):
        row.score_given, row.score_maximum, row.updated_at = given, maximum, now
        row.status, row.attempts, row.next_attempt_at, row.last_error = "pending", 0, now, ""
    db.flush()
    return row


def track(db: Session, sandbox: Sandbox) -> int:
    """After a trainee's request: their links' scores, queued if they changed (five queries
    for the progress, one for the rows; only for a sandbox that came from a platform)."""
    rows = list(db.scalars(select(LtiGrade).where(LtiGrade.sandbox_id == sandbox.id)))
    if not rows:
        return 0
    done = exercises.progress_all(db, [sandbox])[sandbox.id]
    user = db.scalars(select(LtiUser).where(LtiUser.sandbox_id == sandbox.id)).first()
    changed = 0
    for row in rows:
        link = db.get(LtiLink, row.link_id)
        if link is None or user is None:
            continue
        before = (row.score_given, row.score_maximum)
        enqueue(db, link, user, done, utcnow())
        changed += before != (row.score_given, row.score_maximum)
    return changed


def resend(db: Session, classroom_id: int) -> int:
    """« Renvoyer les notes »: every score of the class posted again at once."""
    ids = select(LtiLink.id).join(LtiContext).where(LtiContext.classroom_id == classroom_id)
    result = db.execute(
        update(LtiGrade)
        .where(LtiGrade.link_id.in_(ids))
        .values(status="pending", attempts=0, next_attempt_at=utcnow(), claimed_until=None)
    )
    return result.rowcount


def of_class(db: Session, classroom_id: int) -> list[LtiGrade]:
    return list(
        db.scalars(
            select(LtiGrade)
            .join(LtiLink)
            .join(LtiContext)
            .where(LtiContext.classroom_id == classroom_id)
            .order_by(LtiGrade.id)
        )
    )


def _claim(db: Session, row_id: int, now: datetime) -> bool:
    result = db.execute(
        update(LtiGrade)
        .where(
            LtiGrade.id == row_id,
            LtiGrade.status == "pending",
            or_(LtiGrade.claimed_until.is_(None), LtiGrade.claimed_until < now),
        )
        .values(claimed_until=now + CLAIM_FOR)
    )
    db.commit()
    return result.rowcount == 1


def _post(db: Session, row: LtiGrade, key_folder) -> None:
    link = db.get(LtiLink, row.link_id)
    context = db.get(LtiContext, link.context_id)
    reg = db.get(LtiRegistration, context.registration_id)
    if reg is None or reg.status != "active":
        raise RuntimeError("plateforme désactivée")
    if not link.lineitem_url:
        raise RuntimeError("l'activité n'a pas de colonne de notes (pas de line item)")
    registration = tool.ToolRegistration(reg, keys.current(key_folder))
    service = AssignmentsGradesService(
        tool.connector(db, registration),
        {"scope": SCORE_SCOPES, "lineitem": link.lineitem_url},
    )
    progress = "Completed" if row.score_given >= row.score_maximum else "InProgress"
    grade = (
        Grade()
        .set_score_given(row.score_given)
        .set_score_maximum(row.score_maximum)
        .set_activity_progress(progress)
        .set_grading_progress("FullyGraded")
        .set_timestamp(utcnow())
        .set_user_id(row.sub)
    )
    service.put_grade(grade)


def deliver_due(database, key_folder, limit: int = 50) -> tuple[int, int]:
    """Post the scores that are due; (sent, failed). Safe to run in several processes."""
    sent = failed = 0
    with database.session() as db:
        now = utcnow()
        due = list(
            db.scalars(
                select(LtiGrade.id)
                .where(LtiGrade.status == "pending", LtiGrade.next_attempt_at <= now)
                .order_by(LtiGrade.next_attempt_at)
                .limit(limit)
            )
        )
        for row_id in due:
            if not _claim(db, row_id, now):
                continue
            row = db.get(LtiGrade, row_id)
            posted = (row.score_given, row.score_maximum)
            try:
                _post(db, row, key_folder)
            except Exception as error:  # noqa: BLE001 - any failure is retried later
                db.rollback()
                row = db.get(LtiGrade, row_id)
                row.attempts += 1
                row.next_attempt_at = utcnow() + timedelta(
                    seconds=BACKOFF[min(row.attempts, len(BACKOFF)) - 1]
                )
                row.last_error = _reason(error)
                row.claimed_until = None
                failed += 1
            else:
                row = db.get(LtiGrade, row_id)
                if (row.score_given, row.score_maximum) == posted:  # not changed meanwhile
                    row.status, row.sent_at, row.last_error = "sent", utcnow(), ""
                row.claimed_until = None
                sent += 1
            db.commit()
    return sent, failed


def _reason(error: Exception) -> str:
    """A short French reason for the trainer: the HTTP status, never a token or a body."""
    response = getattr(error, "response", None)
    if response is not None:
        return f"la plateforme a répondu {response.status_code}"
    if isinstance(error, RuntimeError):
        return str(error)[:300]
    return f"plateforme injoignable ({type(error).__name__})"


# (process, database): gunicorn's workers each start their own thread after the fork, and
# two apps of one process (the tests') each deliver their own database's scores.
_started: dict[tuple[int, int], threading.Event] = {}
_lock = threading.Lock()


def _key(app) -> tuple[int, int]:
    return os.getpid(), id(app.extensions["sim.db"])


def start_worker(app) -> None:
    """One delivery thread per process and database, started by the process's first request
    (after gunicorn's fork: a thread started before it would not exist in the workers)."""
    key = _key(app)
    if key in _started:
        return
    with _lock:
        if key in _started:
            return
        database = app.extensions["sim.db"]
        folder = app.config["LTI_KEY_FOLDER"]
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(POLL_SECONDS):
                try:
                    deliver_due(database, folder)
                    with database.session() as db:
                        tool.Cache(db).purge()
                except Exception:  # noqa: BLE001 - the loop must outlive a bad minute
                    log.warning("Envoi des notes LTI reporté (base indisponible ?)")

        threading.Thread(target=loop, name="lti-grades", daemon=True).start()
        _started[key] = stop


def stop_worker(app) -> None:
    """End this process's delivery thread for ``app`` (tests; a process that exits needs
    nothing)."""
    stop = _started.pop(_key(app), None)
    if stop is not None:
        stop.set()


def class_panel(db: Session, classroom: Classroom) -> dict | None:
    """What the trainer's table shows for a class made from a course: the roster (NRPS) and
    the outbox's state. None for a class made by hand."""
    from .identity import roster_of

    if not classroom.from_lti:
        return None
    classroom_id = classroom.id
    rows = of_class(db, classroom_id)
    errors = [r.last_error for r in rows if r.status == "pending" and r.last_error]
    return {
        "roster": roster_of(db, classroom_id),
        "sent": sum(r.status == "sent" for r in rows),
        "pending": sum(r.status == "pending" for r in rows),
        "error": errors[-1] if errors else "",
    }
