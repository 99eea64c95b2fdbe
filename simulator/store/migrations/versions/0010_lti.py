"""LTI 1.3: platforms' registrations, courses → classes, resource links, users → sandboxes,
the grades outbox and the library's short-lived values (nonces, state, key sets, tokens)

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-04 19:10:00

New tables only: nothing existing is altered, so the migration is the same on SQLite and
PostgreSQL and its downgrade drops them in reverse order.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lti_registrations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("deployment_ids", sa.JSON(), nullable=False),
        sa.Column("auth_login_url", sa.String(500), nullable=False),
        sa.Column("auth_token_url", sa.String(500), nullable=False),
        sa.Column("auth_audience", sa.String(500), nullable=True),
        sa.Column("key_set_url", sa.String(500), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("issuer", "client_id"),
    )
    op.create_table(
        "lti_contexts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "registration_id",
            sa.Integer(),
            sa.ForeignKey("lti_registrations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("context_id", sa.String(255), nullable=False),
        sa.Column(
            "classroom_id",
            sa.Integer(),
            sa.ForeignKey("classrooms.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("memberships_url", sa.String(500), nullable=True),
        sa.Column("roster", sa.JSON(), nullable=False),
        sa.Column("roster_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("registration_id", "context_id"),
    )
    op.create_index("ix_lti_contexts_registration_id", "lti_contexts", ["registration_id"])
    op.create_index("ix_lti_contexts_classroom_id", "lti_contexts", ["classroom_id"])
    op.create_table(
        "lti_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "context_id",
            sa.Integer(),
            sa.ForeignKey("lti_contexts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("resource_link_id", sa.String(255), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("exercises", sa.JSON(), nullable=False),
        sa.Column("lineitem_url", sa.String(500), nullable=True),
        sa.UniqueConstraint("context_id", "resource_link_id"),
    )
    op.create_index("ix_lti_links_context_id", "lti_links", ["context_id"])
    op.create_table(
        "lti_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "registration_id",
            sa.Integer(),
            sa.ForeignKey("lti_registrations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sub", sa.String(255), nullable=False),
        sa.Column(
            "sandbox_id",
            sa.String(32),
            sa.ForeignKey("sandboxes.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.UniqueConstraint("registration_id", "sub"),
    )
    op.create_index("ix_lti_users_registration_id", "lti_users", ["registration_id"])
    op.create_table(
        "lti_grades",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "link_id",
            sa.Integer(),
            sa.ForeignKey("lti_links.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "sandbox_id",
            sa.String(32),
            sa.ForeignKey("sandboxes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sub", sa.String(255), nullable=False),
        sa.Column("score_given", sa.Float(), nullable=False),
        sa.Column("score_maximum", sa.Float(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("link_id", "sandbox_id"),
    )
    op.create_index("ix_lti_grades_sandbox_id", "lti_grades", ["sandbox_id"])
    op.create_index("ix_lti_grades_status", "lti_grades", ["status"])
    op.create_table(
        "lti_cache",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_lti_cache_expires_at", "lti_cache", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_lti_cache_expires_at", table_name="lti_cache")
    op.drop_table("lti_cache")
    op.drop_index("ix_lti_grades_status", table_name="lti_grades")
    op.drop_index("ix_lti_grades_sandbox_id", table_name="lti_grades")
    op.drop_table("lti_grades")
    op.drop_index("ix_lti_users_registration_id", table_name="lti_users")
    op.drop_table("lti_users")
    op.drop_index("ix_lti_links_context_id", table_name="lti_links")
    op.drop_table("lti_links")
    op.drop_index("ix_lti_contexts_classroom_id", table_name="lti_contexts")
    op.drop_index("ix_lti_contexts_registration_id", table_name="lti_contexts")
    op.drop_table("lti_contexts")
    op.drop_table("lti_registrations")
