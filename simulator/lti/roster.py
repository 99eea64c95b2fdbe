"""Names and Role Provisioning (NRPS): the course's learners, read when a teacher opens the
activity, so the trainer's table lists them by name before they launch."""

from __future__ import annotations

import requests
from pylti1p3.exception import LtiException
from pylti1p3.names_roles import NamesRolesProvisioningService
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import LtiContext
from . import identity, tool


def _learner(member: dict) -> bool:
    roles = member.get("roles") or []
    return not identity.is_teacher({identity.ROLES: roles}) and member.get("status", "Active") == (
        "Active"
    )


def _entry(member: dict) -> dict:
    user_id = str(member.get("user_id", ""))[:255]
    name = (
        member.get("name")
        or " ".join(str(member.get(k) or "") for k in ("given_name", "family_name")).strip()
    )
    return {
        "sub": user_id,
        "name": str(name or user_id)[:200],
        "email": str(member.get("email") or "")[:200],
    }


def refresh(db: Session, classroom_id: int, registration, service_claim: dict, http, now) -> bool:
    """Read the roster through the platform's NRPS endpoint; a platform that does not answer
    leaves the previous list (the table still works). Whether it was read."""
    context = db.scalars(select(LtiContext).where(LtiContext.classroom_id == classroom_id)).first()
    if context is None or not isinstance(service_claim, dict):
        return False
    service = NamesRolesProvisioningService(tool.connector(db, registration, http), service_claim)
    try:
        members = service.get_members()
    except (LtiException, requests.RequestException, KeyError, ValueError, TypeError):
        return False
    context.roster = [_entry(m) for m in members if isinstance(m, dict) and _learner(m)]
    context.roster_at = now
    return True
