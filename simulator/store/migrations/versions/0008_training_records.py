"""Training records (issue 24): one typed table of what happened in each sandbox, and the
class's « bloqué » threshold

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-04 19:00:00

``classrooms.stuck_minutes`` is added with a plain ADD COLUMN (a constant default), not a
batch: a batch copies the table on SQLite, and dropping the old copy would cascade to every
sandbox of every class.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sandbox_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("wall_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("portal", sa.String(length=20), nullable=False),
        sa.Column("step", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["sandbox_id"], ["sandboxes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_training_records_sandbox", "training_records", ["sandbox_id", "id"])
    op.add_column(
        "classrooms",
        sa.Column("stuck_minutes", sa.Integer(), server_default="5", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("classrooms", "stuck_minutes")  # SQLite 3.35+ drops it in place
    op.drop_index("ix_training_records_sandbox", table_name="training_records")
    op.drop_table("training_records")
