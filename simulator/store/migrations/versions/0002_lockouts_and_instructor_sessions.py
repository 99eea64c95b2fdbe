"""Lockout for unknown identifiers and the instructor; instructor sessions

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:14:57.937065
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instructor_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("instructor_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_instructor_failures_at"), ["at"], unique=False)

    op.create_table(
        "instructor_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "unknown_login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.String(length=32), nullable=False),
        sa.Column("portal", sa.String(length=20), nullable=False),
        sa.Column("identifier", sa.String(length=160), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unknown_login_failures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_unknown_login_failures_lookup", ["sandbox_id", "portal", "identifier"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("unknown_login_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_unknown_login_failures_lookup")

    op.drop_table("unknown_login_failures")
    op.drop_table("instructor_sessions")
    with op.batch_alter_table("instructor_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instructor_failures_at"))

    op.drop_table("instructor_failures")
