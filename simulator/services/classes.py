"""Classes of trainees: N sandboxes on one server, each reached with its passcode.

A passcode is two groups typed from a printed sheet, « K7MP-3XQ9RT »: the class's group (4
characters, the same on every sheet of the class) and the trainee's own (6). Both are drawn by
``secrets`` from 32 symbols without look-alikes (no 0/O, no 1/I). Joining is throttled in the
database, on wall time, per client address and per class group (domain/lockout.py's JOIN_*
policies): docs/formateurs.md gives the arithmetic that makes guessing hopeless.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from ..domain import lockout
from ..store import Classroom, Sandbox
from . import lockouts, sandboxes

PASSCODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from a printed card
GROUP_LENGTH = 4  # the class's group
PERSONAL_LENGTH = 6  # the trainee's group: 32**6 = 2**30 codes a class
PASSCODE_LENGTH = GROUP_LENGTH + PERSONAL_LENGTH
MAX_TRAINEES = 200  # one host serves that many (make bench: the table at 200 trainees)
ADDRESS, CLASS = "address", "class"


def _draw(length: int) -> str:
    return "".join(secrets.choice(PASSCODE_ALPHABET) for _ in range(length))


def new_group(db: Session) -> str:
    """A class group no class uses yet."""
    while True:
        group = _draw(GROUP_LENGTH)
        if db.scalar(select(Sandbox.id).where(Sandbox.passcode.startswith(group)).limit(1)) is None:
            return group


def new_passcode(db: Session, group: str | None = None) -> str:
    group = group or new_group(db)
    while True:
        code = group + _draw(PERSONAL_LENGTH)
        if sandboxes.find_by_passcode(db, code) is None:
            return code


def normalize_passcode(typed: str | None) -> str | None:
    """The stored form of a typed passcode (spaces and dashes dropped, capitals), or None."""
    compact = "".join((typed or "").split()).replace("-", "").upper()
    if len(compact) != PASSCODE_LENGTH or any(c not in PASSCODE_ALPHABET for c in compact):
        return None
    return compact


def display_passcode(code: str | None) -> str:
    """« K7MP-3XQ9RT »: the two groups as printed on the sheet."""
    if not code or len(code) != PASSCODE_LENGTH:
        return code or ""
    return f"{code[:GROUP_LENGTH]}-{code[GROUP_LENGTH:]}"


@dataclass(frozen=True)
class JoinAttempt:
    sandbox: Sandbox | None = None
    locked_until: datetime | None = None


def address_key(address: str | None, secret: str) -> str:
    """The client's address as the throttle keeps it: a keyed hash, not the address."""
    digest = hmac.new(secret.encode(), (address or "?").encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _locked_until(db: Session, address: str, group: str | None, now: datetime):
    locks = [lockouts.keyed_locked_until(db, ADDRESS, address, now, lockout.JOIN_PER_ADDRESS)]
    if group:
        locks.append(lockouts.keyed_locked_until(db, CLASS, group, now, lockout.JOIN_PER_CLASS))
    return max((lock for lock in locks if lock), default=None)


def join(db: Session, typed: str | None, address: str, now: datetime) -> JoinAttempt:
    """Find the sandbox a typed passcode opens, under the throttle.

    While a lock holds, nothing is looked up (a right code is refused too, or the lock would
    not slow a guesser down). Every wrong code counts for the address; one whose first group
    is well formed counts for that class group as well, whether or not a class has it (so the
    answer never tells which groups exist). A success clears nothing: a guesser who holds one
    right code (their own) must not reset their count with it.
    """
    passcode = normalize_passcode(typed)
    group = passcode[:GROUP_LENGTH] if passcode else None
    locked = _locked_until(db, address, group, now)
    if locked:
        return JoinAttempt(locked_until=locked)
    sandbox = sandboxes.find_by_passcode(db, passcode) if passcode else None
    if sandbox is not None:
        return JoinAttempt(sandbox=sandbox)
    lockouts.record_keyed_failure(db, ADDRESS, address, now)
    if group:
        lockouts.record_keyed_failure(db, CLASS, group, now)
    return JoinAttempt(locked_until=_locked_until(db, address, group, now))


def create(db: Session, name: str, size: int, now: datetime, hash_method: str) -> Classroom:
    if not 1 <= size <= MAX_TRAINEES:
        raise ValueError(f"une classe compte de 1 à {MAX_TRAINEES} stagiaires")
    classroom = Classroom(name=name, created_at=now)
    db.add(classroom)
    db.flush()
    group = new_group(db)
    for number in range(1, size + 1):
        sandboxes.create(
            db,
            now,
            hash_method=hash_method,
            classroom_id=classroom.id,
            passcode=new_passcode(db, group),
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


def get(db: Session, classroom_id: int) -> Classroom | None:
    return db.get(Classroom, classroom_id)


def delete(db: Session, classroom: Classroom) -> None:
    """The class row itself (its sandboxes and records are deleted first by the caller)."""
    db.delete(classroom)


def all_classes(db: Session) -> list[Classroom]:
    return list(db.scalars(select(Classroom).order_by(Classroom.id.desc())))


def of_sandbox(db: Session, sandbox) -> Classroom | None:
    """The class a trainee's sandbox belongs to, if any."""
    return db.get(Classroom, sandbox.classroom_id) if sandbox.classroom_id else None
