"""The LTI tables (migration 0010). They hang from a registration (a platform) or from a
sandbox, so ending a class (its sandboxes deleted) deletes what the platform told us about
its people: names and e-mails live no longer than the class."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint, exists
from sqlalchemy.orm import Mapped, column_property, mapped_column

from .models import Base, Classroom


class LtiRegistration(Base):
    """A platform (Moodle) that registered the tool: pending until activated."""

    __tablename__ = "lti_registrations"
    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    deployment_ids: Mapped[list] = mapped_column(JSON, default=list)
    auth_login_url: Mapped[str] = mapped_column(String(500))
    auth_token_url: Mapped[str] = mapped_column(String(500))
    auth_audience: Mapped[str | None] = mapped_column(String(500), nullable=True)
    key_set_url: Mapped[str] = mapped_column(String(500))
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | active
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None] = mapped_column(nullable=True)


class LtiContext(Base):
    """A course of a platform, and the class it became; its NRPS roster once read."""

    __tablename__ = "lti_contexts"
    __table_args__ = (UniqueConstraint("registration_id", "context_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("lti_registrations.id", ondelete="CASCADE"), index=True
    )
    context_id: Mapped[str] = mapped_column(String(255))
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), index=True
    )
    memberships_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    roster: Mapped[list] = mapped_column(JSON, default=list)  # [{sub, name, email}] learners
    roster_at: Mapped[datetime | None] = mapped_column(nullable=True)


class LtiLink(Base):
    """A resource link (one activity in the course): the exercises it covers, its line item."""

    __tablename__ = "lti_links"
    __table_args__ = (UniqueConstraint("context_id", "resource_link_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    context_id: Mapped[int] = mapped_column(
        ForeignKey("lti_contexts.id", ondelete="CASCADE"), index=True
    )
    resource_link_id: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255), default="")
    exercises: Mapped[list] = mapped_column(JSON, default=list)
    lineitem_url: Mapped[str | None] = mapped_column(String(500), nullable=True)


class LtiUser(Base):
    """(issuer, sub) → one sandbox, the same at every relaunch from any computer."""

    __tablename__ = "lti_users"
    __table_args__ = (UniqueConstraint("registration_id", "sub"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("lti_registrations.id", ondelete="CASCADE"), index=True
    )
    sub: Mapped[str] = mapped_column(String(255))
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class LtiGrade(Base):
    """The grades outbox: one row a (link, sandbox), the score to post and its delivery."""

    __tablename__ = "lti_grades"
    __table_args__ = (UniqueConstraint("link_id", "sandbox_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("lti_links.id", ondelete="CASCADE"))
    sandbox_id: Mapped[str] = mapped_column(
        ForeignKey("sandboxes.id", ondelete="CASCADE"), index=True
    )
    sub: Mapped[str] = mapped_column(String(255))
    score_given: Mapped[float] = mapped_column(Float)
    score_maximum: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending|sent
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime]
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)


class LtiCache(Base):
    """What the LTI library keeps between the login and the launch (nonces, state, launch
    data), the platforms' key sets and the access tokens: in the database, with an expiry,
    so every worker and host shares them and a nonce is consumed exactly once."""

    __tablename__ = "lti_cache"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(index=True)


# A class made from a course says so with its own row: the trainer's class page, which shows
# the course's roster and grades then, asks on every load and needs no query of its own.
Classroom.from_lti = column_property(exists().where(LtiContext.classroom_id == Classroom.id))
