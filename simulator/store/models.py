"""The tables. Every row hangs from a sandbox, directly or through an account, so isolating
trainees is a matter of always starting a query from the current sandbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict: MutableDict.as_mutable(JSON)}


class Sandbox(Base):
    __tablename__ = "sandboxes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seed: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    clock_offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
    faults: Mapped[dict] = mapped_column(default=dict)
    settings: Mapped[dict] = mapped_column(default=dict)  # read through services.state
    # The guided walkthrough (its slug) and the index of the step the trainee is at.
    guided_slug: Mapped[str | None] = mapped_column(String(80), nullable=True)
    guided_index: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # (Karbon's « exiger la 2FA » and OneGov's policy: portal_settings, migration 0012.)
    rng_counter: Mapped[int] = mapped_column(Integer, default=0)
    classroom_id: Mapped[int | None] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), nullable=True, index=True
    )
    passcode: Mapped[str | None] = mapped_column(String(16), nullable=True, unique=True)
    label: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # branch deploy: wall time of the last request (to the hour), for `purge --inactifs`
    last_seen_at: Mapped[datetime | None] = mapped_column(nullable=True)

    accounts: Mapped[list[Account]] = relationship(
        back_populates="sandbox", cascade="all, delete-orphan", order_by="Account.id"
    )


class Classroom(Base):
    """A class: the instructor's group of trainee sandboxes."""

    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    # « bloqué » after this many minutes on one step (the trainer sets it per class).
    stuck_minutes: Mapped[int] = mapped_column(Integer, default=5, server_default="5")


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("sandbox_id", "portal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    portal: Mapped[str] = mapped_column(String(20))
    username: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(160))
    display_name: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[datetime]
    credentials_reset_at: Mapped[datetime | None] = mapped_column(nullable=True)
    state: Mapped[dict] = mapped_column(default=dict)

    sandbox: Mapped[Sandbox] = relationship(back_populates="accounts")
    factors: Mapped[list[Factor]] = relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="Factor.id"
    )


class Factor(Base):
    """A confirmed second factor. Pending enrolments live in the portal session, not here."""

    __tablename__ = "factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # totp | sms | email
    name: Mapped[str] = mapped_column(String(60), default="")
    secret: Mapped[str | None] = mapped_column(String(128), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[datetime]
    last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)

    account: Mapped[Account] = relationship(back_populates="factors")


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Challenge(Base):
    """A one-time code sent by e-mail or SMS, kept hashed."""

    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[str] = mapped_column(String(64), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10))
    destination: Mapped[str] = mapped_column(String(160))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Failure(Base):
    """One wrong password or code; the lockout module reads these."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # password | second_factor
    at: Mapped[datetime]


class Message(Base):
    """A mail or SMS in the sandbox's fake mailbox or phone."""

    __tablename__ = "messages"
    # The mailbox's and the phone's pages, newest first (migration 0004).
    __table_args__ = (Index("ix_messages_listing", "sandbox_id", "channel", "deliver_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(10))  # mail | sms
    portal: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(40), default="")
    sender: Mapped[str] = mapped_column(String(160))
    recipient: Mapped[str] = mapped_column(String(160))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    deliver_at: Mapped[datetime]
    folder: Mapped[str] = mapped_column(String(10))
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)  # « Supprimer » (0011)


class FilterRule(Base):
    __tablename__ = "filter_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    sender_contains: Mapped[str] = mapped_column(String(160))
    folder: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]


class TrustedDevice(Base):
    __tablename__ = "trusted_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_because: Mapped[str | None] = mapped_column(
        String(20), nullable=True
    )  # forgotten | reset
    user_agent: Mapped[str] = mapped_column(String(200), default="")


class LoginEvent(Base):
    __tablename__ = "login_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    success: Mapped[bool] = mapped_column(Boolean)
    second_factor: Mapped[str | None] = mapped_column(String(20), nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")


class PortalSession(Base):
    """A browser's session on one portal, server-side so that logout really ends it.

    ``data`` holds the state of a multi-step flow (which step, which request, a pending
    secret), so a step reached out of order is refused rather than half-working. It is read
    and written only by ``services.sessions``, through the pydantic model of each flow.
    """

    __tablename__ = "portal_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    portal: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), nullable=True
    )
    authenticated: Mapped[bool] = mapped_column(Boolean, default=False)
    persistent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    data: Mapped[dict] = mapped_column(default=dict)


class AuthenticatorEntry(Base):
    """An account added to the sandbox's virtual authenticator app."""

    __tablename__ = "authenticator_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(120))
    account_name: Mapped[str] = mapped_column(String(160))
    secret: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]


class UnknownLoginFailure(Base):
    """A wrong password typed for an identifier no account has, so that unknown identifiers
    lock out exactly like real ones (otherwise the lockout itself tells which ones exist)."""

    __tablename__ = "unknown_login_failures"
    __table_args__ = (
        Index("ix_unknown_login_failures_lookup", "sandbox_id", "portal", "identifier"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(ForeignKey("sandboxes.id", ondelete="CASCADE"))
    portal: Mapped[str] = mapped_column(String(20))
    identifier: Mapped[str] = mapped_column(String(160))
    at: Mapped[datetime]


class InstructorFailure(Base):
    """A wrong instructor password, on wall time: the shared lockout, across hosts."""

    __tablename__ = "instructor_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)


class JoinFailure(Base):
    """A wrong class passcode, on wall time, counted twice: once for the client's address (a
    keyed hash, never the address itself) and once for the class group typed (its first four
    characters), so that several addresses cannot share out the guessing of one class."""

    __tablename__ = "join_failures"
    __table_args__ = (Index("ix_join_failures_lookup", "scope", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # address | class
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class InstructorSession(Base):
    """An instructor's login, server-side: the cookie only names it, logout ends it."""

    __tablename__ = "instructor_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Recording(Base):
    """A procedure a support writer is recording (or reviewing) in this sandbox (issue 15).

    ``draft`` holds the reviewed steps once « Terminer » is pressed; the raw actions stay in
    ``recording_events`` so that a draft can always be rebuilt from what was done.
    """

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    portal: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="recording")  # recording | review
    created_at: Mapped[datetime]
    draft: Mapped[dict] = mapped_column(default=dict)


class RecordingEvent(Base):
    """One action reported by a tab while recording; typed values already made placeholders."""

    __tablename__ = "recording_events"
    __table_args__ = (UniqueConstraint("recording_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(40))
    at_ms: Mapped[float] = mapped_column(Float)  # the tab's clock: orders actions across tabs
    tab: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))  # page | fill | check | select | click
    data: Mapped[dict] = mapped_column(default=dict)


class PortalSetting(Base):
    """What one portal stores for one sandbox (a firm's or an organisation's switch), read and
    written through the portal's typed model by ``services.portal_settings``: a new setting
    is a field of that model, not a column and a migration."""

    __tablename__ = "portal_settings"

    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), primary_key=True
    )
    portal: Mapped[str] = mapped_column(String(20), primary_key=True)
    values: Mapped[dict] = mapped_column(default=dict)


class TrainingRecord(Base):
    """One thing that happened in a sandbox, for the trainer (issue 24): an attempt and its
    outcome, a page of a walkthrough reached, a message opened, a guided step shown, an
    incident switched, the clock moved. Written and read only by ``services.records``.

    Never a secret: ``outcome`` is the kind of mistake, ``step`` the step or the page's
    pattern (never the path, which may hold a reset token), nothing typed.
    """

    __tablename__ = "training_records"
    __table_args__ = (Index("ix_training_records_sandbox", "sandbox_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(ForeignKey("sandboxes.id", ondelete="CASCADE"))
    at: Mapped[datetime]  # sandbox time: what « bloqué » is measured in
    wall_at: Mapped[datetime]  # wall time: what durations are measured in
    kind: Mapped[str] = mapped_column(String(12))  # attempt | page | message | guided | ...
    portal: Mapped[str] = mapped_column(String(20), default="")
    step: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[int | None] = mapped_column(Integer, nullable=True)


class LureDrill(Base):
    """A phishing drill sent to one sandbox (issue 26, migration 0011): which lure, when it
    arrives, whether its page was opened and how it ended. Only facts: what a trainee types
    on a lure page never reaches this table (nor any other)."""

    __tablename__ = "lure_drills"

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    lure: Mapped[str] = mapped_column(String(30))  # domain.lures key
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), nullable=True
    )
    sent_by: Mapped[str] = mapped_column(String(12))  # exercice | formateur
    deliver_at: Mapped[datetime]
    opened_at: Mapped[datetime | None] = mapped_column(nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(10), nullable=True)  # domain.lures
    outcome_at: Mapped[datetime | None] = mapped_column(nullable=True)
