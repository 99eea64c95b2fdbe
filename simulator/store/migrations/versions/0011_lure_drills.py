"""Phishing drills: the lures sent to a sandbox, and « Supprimer » on messages

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
    op.create_table(
        "lure_drills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.String(length=32), nullable=False),
        sa.Column("lure", sa.String(length=30), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sent_by", sa.String(length=12), nullable=False),
        sa.Column("deliver_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lure_drills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lure_drills_sandbox_id"), ["sandbox_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lure_drills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lure_drills_sandbox_id"))
    op.drop_table("lure_drills")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
