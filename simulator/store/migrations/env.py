"""Alembic environment: runs on the connection ``store.migrate`` hands over (already holding
the migration lock), so the app, the CLI and the tests all migrate the same way."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from simulator.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the plain `alembic` command, given sqlalchemy.url
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()
