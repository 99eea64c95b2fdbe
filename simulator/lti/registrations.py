"""Platforms that registered the tool (dynamic registration) and their activation.

A registration arrives through the URL ``python -m simulator lti`` prints (it carries an
invitation key derived from the instance's secret, so nobody else can make the tool fetch
an arbitrary address), is forwarded to the platform with the platform's own registration
token, and is recorded **pending**: it serves no launch until the trainer activates it on
« Plateformes LTI » (the Moodle administrator activates the tool on Moodle's side too).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import LtiRegistration

TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"


class RegistrationRefused(ValueError):
    """What the platform answered cannot be recorded; the message is French, for the admin."""


def invitation_key(secret_key: str) -> str:
    """The key in the registration URL: stable for an installation, unguessable without
    its secret."""
    mac = hmac.new(str(secret_key).encode(), b"lti-dynamic-registration", hashlib.sha256)
    return mac.hexdigest()[:24]


def key_matches(secret_key: str, typed: str | None) -> bool:
    return bool(typed) and hmac.compare_digest(invitation_key(secret_key), str(typed))


def _text(value, field: str, limit: int = 500) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise RegistrationRefused(f"La plateforme n'a pas fourni « {field} » lisible.")
    return value.strip()


def record(db: Session, configuration: dict, answer: dict, now: datetime) -> LtiRegistration:
    """Store (or update) the platform's registration from its OpenID configuration and its
    answer to our registration request; a new one is pending."""
    if not isinstance(configuration, dict) or not isinstance(answer, dict):
        raise RegistrationRefused("La plateforme a répondu autre chose qu'un objet JSON.")
    issuer = _text(configuration.get("issuer"), "issuer", 255)
    client_id = _text(answer.get("client_id"), "client_id", 255)
    tool = answer.get(TOOL_CONFIGURATION) or {}
    deployment = tool.get("deployment_id") if isinstance(tool, dict) else None
    platform = configuration.get(PLATFORM_CONFIGURATION) or {}
    name = platform.get("product_family_code", "") if isinstance(platform, dict) else ""
    row = db.scalars(
        select(LtiRegistration).where(
            LtiRegistration.issuer == issuer, LtiRegistration.client_id == client_id
        )
    ).first()
    if row is None:
        row = LtiRegistration(
            issuer=issuer, client_id=client_id, deployment_ids=[], status="pending", created_at=now
        )
        db.add(row)
    row.auth_login_url = _text(
        configuration.get("authorization_endpoint"), "authorization_endpoint"
    )
    row.auth_token_url = _text(configuration.get("token_endpoint"), "token_endpoint")
    row.key_set_url = _text(configuration.get("jwks_uri"), "jwks_uri")
    audience = configuration.get("authorization_server")
    row.auth_audience = audience if isinstance(audience, str) and audience else None
    row.name = str(name or "")[:200]
    if isinstance(deployment, str | int) and str(deployment):
        row.deployment_ids = sorted({*(row.deployment_ids or []), str(deployment)[:255]})
    db.flush()
    return row


def all_registrations(db: Session) -> list[LtiRegistration]:
    return list(db.scalars(select(LtiRegistration).order_by(LtiRegistration.id)))


def find(db: Session, issuer: str | None, client_id: str | None) -> LtiRegistration | None:
    """Any registration of this issuer (and client id when given), whatever its status: the
    error pages tell « unknown » from « not activated yet »."""
    if not isinstance(issuer, str) or not issuer:
        return None
    query = select(LtiRegistration).where(LtiRegistration.issuer == issuer[:255])
    if isinstance(client_id, str) and client_id:
        query = query.where(LtiRegistration.client_id == client_id[:255])
    return db.scalars(query.order_by(LtiRegistration.id)).first()


def get(db: Session, registration_id) -> LtiRegistration | None:
    return db.get(LtiRegistration, registration_id) if isinstance(registration_id, int) else None


def set_status(db: Session, registration_id: int, active: bool, now: datetime) -> LtiRegistration:
    row = db.get(LtiRegistration, registration_id)
    if row is None:
        raise LookupError(registration_id)
    row.status = "active" if active else "pending"
    row.activated_at = now if active else None
    return row
