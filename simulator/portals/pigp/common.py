"""What the PIGP's pages share: its session, its trust cookie, its sender."""

from __future__ import annotations

from flask import current_app

from ...domain.registry import BY_KEY
from ...domain.trust import PIGP_TRUST_LIFETIME, TrustCodec
from ...web.portal_session import PortalSessions

PORTAL = "pigp"
PATH = "/pigp"
SENDER = BY_KEY[PORTAL].mail_sender
TRUST_COOKIE = "pigp_poste_confiance"
TRUST_MAX_AGE = int(PIGP_TRUST_LIFETIME.total_seconds())
MAX_CODES_PER_LOGIN = 5

sessions = PortalSessions(PORTAL, PATH)


def trust_codec() -> TrustCodec:
    return TrustCodec(current_app.secret_key, PORTAL)


def context_processor() -> dict:
    return {"portal_css": "pigp"}
