"""Schema upgrades: Alembic migrations run under a lock, so concurrent starts are safe.

Several gunicorn workers, or several hosts behind a load balancer, may start at once on a new
database. One of them migrates while holding a lock (a PostgreSQL advisory lock held by the
migrating transaction; an exclusive file lock beside a SQLite file); the others wait for it,
then find the schema at head and do nothing. A database made by the release before migrations
existed (tables from ``create_all``, no ``alembic_version``) is adopted: stamped at the first
revision, which is exactly that schema, then upgraded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema of the last release built by create_all (commit 01207a9)
_ADVISORY_KEY = 0x2FA_5100  # any constant shared by every host of one installation


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head; safe to call from many processes at once."""
    if current_is_head(engine):
        return  # the common case at every worker's start: no lock, one query
    with _file_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})
        tables = set(inspect(connection).get_table_names())
        config = alembic_config(connection)
        if "sandboxes" in tables and "alembic_version" not in tables:
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")


def current_is_head(engine: Engine) -> bool:
    try:
        return current(engine) == head()
    except Exception:  # noqa: BLE001 - no database yet, or unreadable: the locked path decides
        return False


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on ``<database file>.lock`` while a SQLite file is migrated."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: a single `serve` there, nothing to race with
        yield
        return
    path = Path(database).with_name(Path(database).name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)
