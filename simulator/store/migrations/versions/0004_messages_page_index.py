"""Messages listed a page at a time: an index in the list's order

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 07:40:00

The mailbox and the phone show 50 messages a page, newest first. Without this index the
database sorted every message of the sandbox to keep 50 (10 to 40 ms at 1,000 messages); with
it, it reads the 50 in order and stops.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_messages_listing", "messages", ["sandbox_id", "channel", "deliver_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_listing", table_name="messages")
