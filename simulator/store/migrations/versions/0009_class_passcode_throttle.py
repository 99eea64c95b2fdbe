"""Wrong class passcodes counted in the database; passcodes in two groups

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-04 19:00:00

``join_failures`` keeps each wrong passcode typed at « Rejoindre », per client address and
per class group, so that every worker and host throttles the same guesses. Passcodes become
a class group of 4 characters and a personal group of 6 (services/classes.py): the classes
already created get new ones here (their six-character codes would no longer be accepted;
the trainer prints the sheets again). The alphabet is written here, not imported: a
migration must keep working whatever the application's code later becomes.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUP, PERSONAL = 4, 6

sandboxes = sa.table(
    "sandboxes",
    sa.column("id", sa.String),
    sa.column("classroom_id", sa.Integer),
    sa.column("passcode", sa.String),
)


def _draw(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def upgrade() -> None:
    op.create_table(
        "join_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_join_failures_lookup", "join_failures", ["scope", "key", "at"])
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(sandboxes.c.id, sandboxes.c.classroom_id).where(
            sandboxes.c.classroom_id.is_not(None)
        )
    ).all()
    groups: dict[int, str] = {}
    for sandbox_id, classroom_id in rows:
        if classroom_id not in groups:
            group = _draw(GROUP)
            while group in groups.values():
                group = _draw(GROUP)
            groups[classroom_id] = group
        connection.execute(
            sandboxes.update()
            .where(sandboxes.c.id == sandbox_id)
            .values(passcode=groups[classroom_id] + _draw(PERSONAL))
        )


def downgrade() -> None:
    op.drop_index("ix_join_failures_lookup", table_name="join_failures")
    op.drop_table("join_failures")
    # Passcodes keep their new form: the older code accepted only six characters, so the
    # classes' sheets would have to be printed again in any case.
