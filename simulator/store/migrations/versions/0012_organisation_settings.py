"""Karbon's « exiger la 2FA » and OneGov's policy move from sandbox columns (0006) into the
one store of portal settings (0007), under each portal's typed model

A portal's setting is a field of its model (domain/organisation_settings.py), not a column and
a migration each: these two were the last columns of that kind. Values are moved row by row
in Python (the JSON type encodes them), the same on SQLite and PostgreSQL; a sandbox that
kept the defaults gets no row, as the store reads a missing row as the defaults.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

sandboxes = sa.table(
    "sandboxes",
    sa.column("id", sa.String),
    sa.column("karbon_requires_2fa", sa.Boolean),
    sa.column("onegov_policy", sa.String),
)
portal_settings = sa.table(
    "portal_settings",
    sa.column("sandbox_id", sa.String),
    sa.column("portal", sa.String),
    sa.column("values", sa.JSON),
)
# portal: (its model's field, the sandbox column it came from, the column's default)
MOVED = {
    "karbon": ("requires_2fa", "karbon_requires_2fa", True),
    "onegov": ("policy", "onegov_policy", None),
}
POLICIES = ("allowed", "required", "forbidden")


def upgrade() -> None:
    connection = op.get_bind()
    kept = {
        (row.sandbox_id, row.portal): dict(row.values or {})
        for row in connection.execute(
            sa.select(portal_settings).where(portal_settings.c.portal.in_(MOVED))
        )
    }
    rows = connection.execute(
        sa.select(sandboxes.c.id, sandboxes.c.karbon_requires_2fa, sandboxes.c.onegov_policy)
    ).all()
    for sandbox_id, requires_2fa, policy in rows:
        moved = {}
        if requires_2fa is False or requires_2fa == 0:
            moved["karbon"] = {"requires_2fa": False}
        if policy in POLICIES:
            moved["onegov"] = {"policy": policy}
        for portal, values in moved.items():
            key = (sandbox_id, portal)
            if key in kept:
                connection.execute(
                    portal_settings.update()
                    .where(
                        portal_settings.c.sandbox_id == sandbox_id,
                        portal_settings.c.portal == portal,
                    )
                    .values(values={**kept[key], **values})
                )
            else:
                connection.execute(
                    portal_settings.insert().values(
                        sandbox_id=sandbox_id, portal=portal, values=values
                    )
                )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), not a batch: a batch copies the table
    # and dropping the old one would cascade to every account.
    op.drop_column("sandboxes", "onegov_policy")
    op.drop_column("sandboxes", "karbon_requires_2fa")


def downgrade() -> None:
    with op.batch_alter_table("sandboxes", schema=None) as batch_op:
        # A text default: SQLite then adds the column in place (see 0006).
        batch_op.add_column(
            sa.Column("karbon_requires_2fa", sa.Boolean(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("onegov_policy", sa.String(length=20), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(portal_settings).where(portal_settings.c.portal.in_(MOVED))
    ).all()
    for sandbox_id, portal, values in rows:
        field, column, default = MOVED[portal]
        values = dict(values or {})
        connection.execute(
            sandboxes.update()
            .where(sandboxes.c.id == sandbox_id)
            .values({column: values.pop(field, default)})
        )
        where = (portal_settings.c.sandbox_id == sandbox_id, portal_settings.c.portal == portal)
        if values:
            connection.execute(portal_settings.update().where(*where).values(values=values))
        else:
            connection.execute(portal_settings.delete().where(*where))
