"""Sandbox scalars out of the settings JSON: guided walkthrough, Karbon's and OneGov's settings

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:45:00

The guided walkthrough and its step, Karbon's « exiger la 2FA » and OneGov's policy were keys
of ``sandboxes.settings``; they become columns with a default. The values are copied row by
row in Python (the JSON type decodes them), not with a dialect's JSON operators, so the same
migration runs on SQLite and PostgreSQL. The key names are written here, not imported: a
migration must keep working whatever the application's code later becomes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

GUIDED, GUIDED_INDEX = "guided", "guided_index"
KARBON_REQUIRES_2FA = "karbon_exiger_2fa"
ONEGOV_POLICY = "onegov_policy"
ONEGOV_POLICIES = ("allowed", "required", "forbidden")  # anything else read as « allowed »
MOVED = (GUIDED, GUIDED_INDEX, KARBON_REQUIRES_2FA, ONEGOV_POLICY)

sandboxes = sa.table(
    "sandboxes",
    sa.column("id", sa.String),
    sa.column("settings", sa.JSON),
    sa.column("guided_slug", sa.String),
    sa.column("guided_index", sa.Integer),
    sa.column("karbon_requires_2fa", sa.Boolean),
    sa.column("onegov_policy", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("sandboxes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guided_slug", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("guided_index", sa.Integer(), server_default="0", nullable=False)
        )
        # A text default: SQLite then adds the column in place. Any other default makes the
        # batch copy the table, and dropping the old one would cascade to every account.
        batch_op.add_column(
            sa.Column("karbon_requires_2fa", sa.Boolean(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("onegov_policy", sa.String(length=20), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(sandboxes.c.id, sandboxes.c.settings)).all()
    for sandbox_id, settings in rows:
        if not isinstance(settings, dict) or not any(key in settings for key in MOVED):
            continue
        connection.execute(
            sandboxes.update()
            .where(sandboxes.c.id == sandbox_id)
            .values(
                settings={k: v for k, v in settings.items() if k not in MOVED}, **_columns(settings)
            )
        )


def _columns(settings: dict) -> dict:
    """The columns' values for a row's old settings, as the pages used to read them."""
    slug = settings.get(GUIDED)
    policy = settings.get(ONEGOV_POLICY)
    try:
        index = max(int(settings.get(GUIDED_INDEX) or 0), 0)
    except (TypeError, ValueError):
        index = 0
    return {
        "guided_slug": slug if isinstance(slug, str) and 0 < len(slug) <= 80 else None,
        "guided_index": index,
        "karbon_requires_2fa": bool(settings.get(KARBON_REQUIRES_2FA, True)),
        "onegov_policy": policy if policy in ONEGOV_POLICIES else None,
    }


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            sandboxes.c.id,
            sandboxes.c.settings,
            sandboxes.c.guided_slug,
            sandboxes.c.guided_index,
            sandboxes.c.karbon_requires_2fa,
            sandboxes.c.onegov_policy,
        )
    ).all()
    for sandbox_id, settings, slug, index, requires_2fa, policy in rows:
        moved = {}
        if slug is not None:
            moved.update({GUIDED: slug, GUIDED_INDEX: index or 0})
        if not requires_2fa:
            moved[KARBON_REQUIRES_2FA] = False
        if policy is not None:
            moved[ONEGOV_POLICY] = policy
        if moved:
            connection.execute(
                sandboxes.update()
                .where(sandboxes.c.id == sandbox_id)
                .values(settings={**(settings if isinstance(settings, dict) else {}), **moved})
            )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), not a batch: a batch copies the table
    # and dropping the old one would cascade to every account.
    for name in ("onegov_policy", "karbon_requires_2fa", "guided_index", "guided_slug"):
        op.drop_column("sandboxes", name)
