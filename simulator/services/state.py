"""The shape of what a sandbox and an account keep in their JSON columns, in one place.

Scalars that pages test or that the instructor's table reads are real columns (the guided
walkthrough and its step, Karbon's « exiger la 2FA », OneGov's policy: migration 0006).
What is left in ``Sandbox.settings`` and ``Account.state`` is lists and records that only
their own feature reads; this module is the only code that touches those two columns: it
reads them through a pydantic model, so a missing key has its default and a wrong shape
fails here rather than deep in a page, and it writes them back as a new dictionary, which
is what the ``MutableDict`` column saves even when nobody mutated it in place.

Keys this release does not know (left by an older one, or by a newer one rolled back) are
kept as they are: ``extra="allow"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class ShownQr(BaseModel):
    """A QR code a portal displayed: the sandbox authenticator offers to « scan » it."""

    uri: str
    issuer: str = ""
    account_name: str = ""


class SandboxSettings(_Shape):
    qr_shown: list[ShownQr] = Field(default_factory=list)  # newest first, services.qr keeps 5
    seen: list[str] = Field(default_factory=list)  # incident pages read (services.exercises)


class LinkRecord(BaseModel):
    """A single-use link as ``domain.links`` writes it: only the token's hash is kept."""

    model_config = ConfigDict(extra="allow")

    token_hash: str
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class Ticket(BaseModel):
    """A Cerbère service ticket (keyed by its hash); ``expires`` in sandbox epoch seconds."""

    service: str
    session: str
    expires: float


class Certificate(BaseModel):
    """A TRACES NT certificate draft."""

    reference: str
    goods: str
    destination: str
    created_at: datetime


class AccountState(_Shape):
    invitation: LinkRecord | None = None  # Karbon's invitation (portals.karbon.invitations)
    activated_at: datetime | None = None  # Karbon: the invitation's password was chosen
    reset_at: datetime | None = None  # Karbon: the accountant reset the client's 2FA
    onegov_reset: LinkRecord | None = None  # OneGov's password-reset link
    tickets: dict[str, Ticket] = Field(default_factory=dict)  # Cerbère's service tickets
    traces_certificates: list[Certificate] = Field(default_factory=list)  # newest first


class _HasSettings(Protocol):
    settings: Any


class _HasState(Protocol):
    state: Any


def _stored(value: object) -> Mapping:
    """A JSON column's value before the first flush is None (its default applies at INSERT)."""
    return value if isinstance(value, Mapping) else {}


def _dumped(model: BaseModel) -> dict:
    return model.model_dump(mode="json", exclude_defaults=True)


def sandbox_settings(sandbox: _HasSettings) -> SandboxSettings:
    return SandboxSettings.model_validate(_stored(sandbox.settings))


def save_sandbox_settings(sandbox: _HasSettings, settings: SandboxSettings) -> None:
    sandbox.settings = _dumped(settings)


def change_sandbox_settings(sandbox: _HasSettings, **changes: object) -> SandboxSettings:
    """Replace some fields, validated like the rest: ``change_sandbox_settings(s, seen=[...])``."""
    settings = SandboxSettings.model_validate({**_dumped(sandbox_settings(sandbox)), **changes})
    save_sandbox_settings(sandbox, settings)
    return settings


def account_state(account: _HasState) -> AccountState:
    return AccountState.model_validate(_stored(account.state))


def stored_account_state(account: _HasState) -> dict:
    """The validated state in its stored form, for the domain's pure functions that judge it
    (``domain.links.check``) without changing it."""
    return _dumped(account_state(account))


def change_account_state(account: _HasState, **changes: object) -> AccountState:
    state = AccountState.model_validate({**_dumped(account_state(account)), **changes})
    account.state = _dumped(state)
    return state


def transform_account_state(account: _HasState, change: Callable[[dict], dict]) -> AccountState:
    """Apply one of the domain's pure functions over the stored form (``domain.links``).

    They take and return plain dictionaries so that they stay free of the store; the result
    is validated here before it is saved.
    """
    state = AccountState.model_validate(change(_dumped(account_state(account))))
    account.state = _dumped(state)
    return state
