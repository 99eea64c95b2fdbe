"""Classes of trainees: N sandboxes on one server, each reached with a short passcode."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from ..store import Classroom, Sandbox
from . import sandboxes

PASSCODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from a printed card
PASSCODE_LENGTH = 6
MAX_TRAINEES = 200  # one host serves that many (make bench: the table at 200 trainees)


def new_passcode(db: Session) -> str:
    while True:
        code = "".join(secrets.choice(PASSCODE_ALPHABET) for _ in range(PASSCODE_LENGTH))
        if sandboxes.find_by_passcode(db, code) is None:
            return code


def normalize_passcode(typed: str | None) -> str | None:
    compact = "".join((typed or "").split()).replace("-", "").upper()
    if len(compact) != PASSCODE_LENGTH or any(c not in PASSCODE_ALPHABET for c in compact):
        return None
    return compact


def create(db: Session, name: str, size: int, now: datetime, hash_method: str) -> Classroom:
    if not 1 <= size <= MAX_TRAINEES:
        raise ValueError(f"une classe compte de 1 à {MAX_TRAINEES} stagiaires")
    classroom = Classroom(name=name, created_at=now)
    db.add(classroom)
    db.flush()
    for number in range(1, size + 1):
        sandboxes.create(
            db,
            now,
            hash_method=hash_method,
            classroom_id=classroom.id,
            passcode=new_passcode(db),
            label=f"Stagiaire {number}",
        )
    return classroom


def members(db: Session, classroom: Classroom) -> list[Row]:
    """The class's sandboxes in roster order (« Stagiaire 2 » before « Stagiaire 10 »), as
    plain rows of the columns the instructor's pages read: loading 200 full ORM objects
    (their JSON columns tracked for changes) was a third of the table's time."""
    rows = db.execute(
        select(
            Sandbox.id,
            Sandbox.label,
            Sandbox.passcode,
            Sandbox.seed,
            Sandbox.settings,
            Sandbox.clock_offset_seconds,
        ).where(Sandbox.classroom_id == classroom.id)
    )
    return sorted(rows, key=lambda s: (len(s.label or ""), s.label or "", s.id))


def all_classes(db: Session) -> list[Classroom]:
    return list(db.scalars(select(Classroom).order_by(Classroom.id.desc())))
