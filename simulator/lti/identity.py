"""A validated launch turned into the simulator's own things: a course becomes a class, a
platform user a sandbox (the same at every relaunch), a resource link the exercises it
names. Then the existing pages take over; portals never know a launch happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..services import exercises, sandboxes
from ..store import Classroom, LtiContext, LtiLink, LtiRegistration, LtiUser, Sandbox

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
CONTEXT, RESOURCE_LINK, ROLES, CUSTOM, EXT = (
    CLAIM + "context",
    CLAIM + "resource_link",
    CLAIM + "roles",
    CLAIM + "custom",
    CLAIM + "ext",
)
PRESENTATION = CLAIM + "launch_presentation"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
TEACHING_ROLES = {
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
    "Instructor",
    "Administrator",
}
EXERCISES_PARAM = "exercices"  # the custom parameter a deep-linked activity carries


class LaunchRefused(ValueError):
    """A valid token we still cannot serve; the message is French, for the person."""


class ClassFull(LaunchRefused):
    """The server's ceiling of sandboxes is reached."""


@dataclass
class Landing:
    teacher: bool
    classroom: Classroom
    sandbox: Sandbox | None = None
    exercise: str | None = None


def _text(value, limit: int = 200) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def is_teacher(body: dict) -> bool:
    roles = body.get(ROLES)
    return isinstance(roles, list) and any(role in TEACHING_ROLES for role in roles)


def person_name(body: dict) -> str:
    """The name the platform sends (OIDC ``name``, else given + family names, else Moodle's
    username): the trainee's label in the class, seen by the trainer only."""
    name = _text(body.get("name"))
    if not name:
        name = " ".join(
            p for p in (_text(body.get("given_name")), _text(body.get("family_name"))) if p
        )
    if not name and isinstance(body.get(EXT), dict):
        name = _text(body[EXT].get("user_username"))
    return name or "Apprenant sans nom"


def link_exercises(body: dict) -> list[str]:
    """The exercises a resource link names (its custom parameter), all of them if none."""
    custom = body.get(CUSTOM) if isinstance(body.get(CUSTOM), dict) else {}
    named = [k.strip() for k in str(custom.get(EXERCISES_PARAM) or "").split(",")]
    keys = [k for k in dict.fromkeys(named) if k in exercises.BY_KEY]
    return keys or list(exercises.BY_KEY)


def _context(db: Session, reg: LtiRegistration, body: dict, now: datetime) -> LtiContext:
    claim = body.get(CONTEXT)
    context_id = _text(claim.get("id"), 255) if isinstance(claim, dict) else ""
    if not context_id:
        raise LaunchRefused(
            "Ce lancement ne vient d'aucun cours : ajoutez l'activité dans un cours de la "
            "plateforme, puis ouvrez-la depuis ce cours."
        )
    row = db.scalars(
        select(LtiContext).where(
            LtiContext.registration_id == reg.id, LtiContext.context_id == context_id
        )
    ).first()
    if row is None or db.get(Classroom, row.classroom_id) is None:
        title = _text(claim.get("title"), 60) or _text(claim.get("label"), 60) or "Cours"
        classroom = Classroom(name=f"{title} (Moodle)"[:80], created_at=now)
        db.add(classroom)
        db.flush()
        if row is None:
            row = LtiContext(
                registration_id=reg.id, context_id=context_id, classroom_id=classroom.id, roster=[]
            )
            db.add(row)
        else:
            row.classroom_id = classroom.id
    nrps = body.get(NRPS)
    if isinstance(nrps, dict) and isinstance(nrps.get("context_memberships_url"), str):
        row.memberships_url = nrps["context_memberships_url"][:500]
    db.flush()
    return row


def _link(db: Session, context: LtiContext, body: dict) -> LtiLink | None:
    claim = body.get(RESOURCE_LINK)
    link_id = _text(claim.get("id"), 255) if isinstance(claim, dict) else ""
    if not link_id:
        return None
    row = db.scalars(
        select(LtiLink).where(LtiLink.context_id == context.id, LtiLink.resource_link_id == link_id)
    ).first()
    if row is None:
        row = LtiLink(context_id=context.id, resource_link_id=link_id)
        db.add(row)
    row.title = _text(claim.get("title"), 255)
    row.exercises = link_exercises(body)
    ags = body.get(AGS)
    if isinstance(ags, dict) and isinstance(ags.get("lineitem"), str):
        row.lineitem_url = ags["lineitem"][:500]
    db.flush()
    return row


def _sandbox_for(
    db: Session, reg: LtiRegistration, body: dict, classroom: Classroom, now, ceiling, hash_method
) -> Sandbox:
    sub = _text(body.get("sub"), 255)
    if not sub:
        raise LaunchRefused(
            "La plateforme n'a pas dit qui lance l'activité (identifiant « sub » absent) : "
            "l'administrateur doit autoriser l'envoi de l'identité à l'outil."
        )
    # by issuer, not by registration: a platform registered again (a new client id) keeps
    # its people's sandboxes
    user = db.scalars(
        select(LtiUser)
        .join(LtiRegistration, LtiRegistration.id == LtiUser.registration_id)
        .where(LtiRegistration.issuer == reg.issuer, LtiUser.sub == sub)
        .order_by(LtiUser.id)
    ).first()
    sandbox = db.get(Sandbox, user.sandbox_id) if user else None
    if sandbox is None:
        if sandboxes.count(db) >= ceiling:
            raise ClassFull(
                "Le serveur d'entraînement est complet : le formateur doit terminer une "
                "ancienne séance ou relever la limite SIM_MAX_SANDBOXES."
            )
        sandbox = sandboxes.create(db, now, hash_method=hash_method, classroom_id=classroom.id)
        if user is None:
            user = LtiUser(registration_id=reg.id, sub=sub, sandbox_id=sandbox.id)
            db.add(user)
        else:
            user.sandbox_id = sandbox.id
    user.name = person_name(body)
    user.email = _text(body.get("email"))
    sandbox.label = user.name[:80]
    db.flush()
    return sandbox


def land(
    db: Session, reg: LtiRegistration, body: dict, now: datetime, ceiling: int, hash_method: str
) -> tuple[Landing, LtiLink | None, LtiUser | None]:
    context = _context(db, reg, body, now)
    classroom = db.get(Classroom, context.classroom_id)
    link = _link(db, context, body)
    if is_teacher(body):
        return Landing(teacher=True, classroom=classroom), link, None
    sandbox = _sandbox_for(db, reg, body, classroom, now, ceiling, hash_method)
    user = db.scalars(select(LtiUser).where(LtiUser.sandbox_id == sandbox.id)).one()
    first = link.exercises[0] if link and len(link.exercises) == 1 else None
    return Landing(teacher=False, classroom=classroom, sandbox=sandbox, exercise=first), link, user


def roster_of(db: Session, classroom_id: int) -> list[dict]:
    """The course's learners as the platform listed them (NRPS), each marked started or not:
    for the trainer's table only (names and e-mails are personal data)."""
    contexts = list(db.scalars(select(LtiContext).where(LtiContext.classroom_id == classroom_id)))
    rows = []
    for context in contexts:
        started = {
            u.sub: u.sandbox_id
            for u in db.scalars(
                select(LtiUser)
                .join(Sandbox, Sandbox.id == LtiUser.sandbox_id)
                .where(LtiUser.registration_id == context.registration_id)
            )
        }
        for member in context.roster or []:
            rows.append({**member, "sandbox_id": started.get(member.get("sub"))})
    return sorted(rows, key=lambda m: (m["sandbox_id"] is not None, m.get("name", "")))
