"""pylti1p3's extension points filled with the simulator's database: the tool configuration
(active registrations), the launch-data storage (nonces, state, launch data) and the
service connector's access-token cache. No JWT or OIDC check is written here: the library
does them; this module only tells it where things are kept."""

from __future__ import annotations

import json
import secrets
import typing as t
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pylti1p3.deployment import Deployment
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from pylti1p3.registration import Registration
from pylti1p3.service_connector import ServiceConnector
from pylti1p3.tool_config.abstract import ToolConfAbstract
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..store import LtiCache, LtiRegistration
from . import keys


def utcnow() -> datetime:
    """Real time: JWTs and the platform's tokens expire on the wall clock, never on a
    sandbox's (nor on the tests' frozen one)."""
    return datetime.now(UTC)


class Cache:
    """Short-lived values in ``lti_cache``, shared by every worker and host."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def get(self, key: str) -> t.Any:
        row = self.db.get(LtiCache, key[:255])
        if row is None or row.expires_at <= utcnow():
            return None
        return json.loads(row.value)

    def set(self, key: str, value: t.Any, seconds: int | None) -> None:
        expires = utcnow() + timedelta(seconds=seconds or 86400)
        row = self.db.get(LtiCache, key[:255])
        if row is None:
            self.db.add(LtiCache(key=key[:255], value=json.dumps(value), expires_at=expires))
        else:
            row.value, row.expires_at = json.dumps(value), expires
        self.db.flush()

    def take(self, key: str) -> bool:
        """Delete a live value and say whether it was there: a nonce is used once, even by two
        requests racing (only one DELETE finds the row)."""
        result = self.db.execute(
            delete(LtiCache).where(LtiCache.key == key[:255], LtiCache.expires_at > utcnow())
        )
        return result.rowcount == 1

    def new_ticket(self, value: t.Any, seconds: int) -> str:
        """A single-use, short-lived random name for ``value`` (a launch's destination)."""
        ticket = secrets.token_urlsafe(24)
        self.set(f"ticket-{ticket}", value, seconds)
        return ticket

    def purge(self) -> None:
        self.db.execute(delete(LtiCache).where(LtiCache.expires_at <= utcnow()))


class DbLaunchDataStorage(LaunchDataStorage):
    """The library's session storage, kept in the database: the launch arrives as a
    cross-site POST that may carry none of our cookies, so the flask session cannot hold it.
    Over HTTPS the keys are bound to the library's ``lti1p3-session-id`` cookie (set at the
    login, SameSite=None; Secure); over plain HTTP that cookie would not come back, so the
    binding is the state cookie alone (the library's own choice for its cache storage)."""

    def __init__(self, db: Session) -> None:
        super().__init__()
        self.cache = Cache(db)

    def get_session_cookie_name(self) -> str | None:
        assert self._request is not None
        return super().get_session_cookie_name() if self._request.is_secure() else None

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str) -> t.Any:
        return self.cache.get(self._prepare_key(key))

    def set_value(self, key: str, value: t.Any, exp: int | None = None) -> None:
        self.cache.set(self._prepare_key(key), value, exp)

    def check_value(self, key: str) -> bool:
        prepared = self._prepare_key(key)
        if "-nonce-" in prepared:  # the library only checks a nonce exists: consume it
            return self.cache.take(prepared)
        return self.cache.get(prepared) is not None


class ToolRegistration(Registration):
    """pylti1p3's registration, with our key's ``kid`` in every JWT header it signs (the
    library derives none from a PEM, and Moodle looks the key up by kid)."""

    def __init__(self, row: LtiRegistration, key: keys.ToolKey) -> None:
        super().__init__()
        self.row = row
        self._kid = key.kid
        (
            self.set_issuer(row.issuer)
            .set_client_id(row.client_id)
            .set_key_set_url(row.key_set_url)
            .set_auth_login_url(row.auth_login_url)
            .set_auth_token_url(row.auth_token_url)
            .set_tool_private_key(key.private_pem)
        )
        if row.auth_audience:
            self.set_auth_audience(row.auth_audience)

    def get_kid(self) -> str:
        return self._kid


class DbToolConf(ToolConfAbstract):
    """Active registrations from the database; one issuer may register several times
    (several client ids), so the library always asks by (issuer, client id)."""

    def __init__(self, db: Session, key_folder: Path) -> None:
        super().__init__()
        self.db = db
        self.key_folder = key_folder
        self.issuers_relation_types = {}

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def _active(self, iss: str, client_id: str | None) -> LtiRegistration | None:
        query = select(LtiRegistration).where(
            LtiRegistration.issuer == iss, LtiRegistration.status == "active"
        )
        if client_id:
            query = query.where(LtiRegistration.client_id == client_id)
        rows = list(self.db.scalars(query.order_by(LtiRegistration.id)))
        return rows[0] if len(rows) == 1 or (rows and client_id) else None

    def find_registration_by_issuer(self, iss: str, *args, **kwargs):
        return self.find_registration_by_params(iss, None)

    def find_registration_by_params(self, iss: str, client_id: str | None, *args, **kwargs):
        row = self._active(iss, client_id)
        return ToolRegistration(row, keys.current(self.key_folder)) if row else None

    def find_deployment(self, iss: str, deployment_id: str):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        row = self._active(iss, client_id)
        if row is None or deployment_id not in (row.deployment_ids or []):
            return None
        return Deployment().set_deployment_id(deployment_id)


class DbServiceConnector(ServiceConnector):
    """Access tokens (client credentials + our signed JWT) cached in the database until
    their expiry, shared by every worker; never logged, never shown."""

    db: Session | None = None

    def _get_cached_access_token(self, scope_key: str) -> str | None:
        return Cache(self.db).get(self._key(scope_key)) if self.db is not None else None

    def _key(self, scope_key: str) -> str:
        return f"token-{self._registration.get_client_id()}-{scope_key}"

    def _cache_access_token(self, scope_key: str, access_token: str, expires_in: float):
        if self.db is not None and expires_in:
            # a minute early: never present a token that expires on its way to the platform
            Cache(self.db).set(self._key(scope_key), access_token, max(int(expires_in) - 60, 1))


def connector(db: Session, registration: Registration, session=None) -> DbServiceConnector:
    service = DbServiceConnector(registration, session)
    service.db = db
    return service
