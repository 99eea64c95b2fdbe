"""Migration 0006 moves the sandbox's scalars out of the settings JSON into columns, and its
downgrade puts them back. ``check_round_trip`` is shared with the PostgreSQL run
(tests/web/test_postgres.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import JSON, column, create_engine, event, func, insert, select, table
from sqlalchemy.orm import Session

from simulator.store import Sandbox
from simulator.store.migrate import alembic_config, current

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)
OLD_SETTINGS = {
    "a" * 32: {
        "guided": "karbon-configuration",
        "guided_index": 3,
        "karbon_exiger_2fa": False,
        "onegov_policy": "required",
        "seen": ["pigp_help"],
        "qr_shown": [{"uri": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}],
    },
    "b" * 32: {"seen": ["onegov_portal_forbidden"], "x": 1},
    "c" * 32: {},
}
ACCOUNTS = table(
    "accounts",
    *(
        column(name)
        for name in (
            "sandbox_id",
            "portal",
            "username",
            "password_hash",
            "password_changed",
            "email",
            "display_name",
            "created_at",
        )
    ),
    column("state", JSON),
)


def _migrate(engine, revision: str, *, down: bool = False) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def check_round_trip(url: str) -> None:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":  # as the application connects (store.db)
        event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA foreign_keys=ON"))
    _migrate(engine, "0005")
    sandboxes = table(
        "sandboxes",
        column("id"),
        column("seed"),
        column("created_at"),
        column("clock_offset_seconds"),
        column("faults", JSON),
        column("settings", JSON),
        column("rng_counter"),
    )
    with engine.begin() as connection:
        connection.execute(
            insert(sandboxes),
            [
                {
                    "id": key,
                    "seed": 7,
                    "created_at": NOW.replace(tzinfo=None),
                    "clock_offset_seconds": 0,
                    "faults": {},
                    "settings": settings,
                    "rng_counter": 0,
                }
                for key, settings in OLD_SETTINGS.items()
            ],
        )
        connection.execute(
            insert(ACCOUNTS),
            [
                {
                    "sandbox_id": key,
                    "portal": "karbon",
                    "username": "jmartin",
                    "password_hash": "h",
                    "password_changed": False,
                    "email": "j@exemple.test",
                    "display_name": "J. Martin",
                    "created_at": NOW.replace(tzinfo=None),
                    "state": {},
                }
                for key in OLD_SETTINGS
            ],
        )
    _migrate(engine, "0006")
    with Session(engine) as session:
        moved, untouched, empty = (session.get(Sandbox, key) for key in OLD_SETTINGS)
        assert (moved.guided_slug, moved.guided_index) == ("karbon-configuration", 3)
        assert moved.karbon_requires_2fa is False and moved.onegov_policy == "required"
        assert moved.settings == {
            "seen": ["pigp_help"],
            "qr_shown": OLD_SETTINGS["a" * 32]["qr_shown"],
        }
        for row in (untouched, empty):
            assert (row.guided_slug, row.guided_index) == (None, 0)
            assert row.karbon_requires_2fa is True and row.onegov_policy is None
        assert untouched.settings == {"seen": ["onegov_portal_forbidden"], "x": 1}
        assert empty.settings == {}
    assert current(engine) == "0006"
    _migrate(engine, "0005", down=True)
    with engine.connect() as connection:
        back = dict(connection.execute(select(sandboxes.c.id, sandboxes.c.settings)).all())
        accounts = connection.execute(select(func.count()).select_from(ACCOUNTS)).scalar()
    assert back == OLD_SETTINGS
    assert accounts == len(OLD_SETTINGS)  # not lost to a cascade when the table is altered
    engine.dispose()


def test_0006_moves_the_settings_into_columns_and_back_on_sqlite(tmp_path):
    check_round_trip(f"sqlite:///{tmp_path / 'at-0005.sqlite'}")
