"""Migration 0009: the classes created before it get passcodes in two groups (the class's,
then the trainee's), and the table of wrong passcodes appears; its downgrade removes it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, create_engine, insert, inspect, select, table

from simulator.store.migrate import alembic_config


def _migrate(engine, revision: str, *, down: bool = False) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def test_old_six_character_passcodes_become_two_groups(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    _migrate(engine, "0006")
    now = datetime(2026, 3, 2, 8, tzinfo=UTC).replace(tzinfo=None)
    classrooms = table("classrooms", column("id"), column("name"), column("created_at"))
    sandboxes = table(
        "sandboxes",
        *(column(name) for name in ("id", "seed", "created_at", "clock_offset_seconds")),
        *(column(name) for name in ("faults", "settings", "rng_counter")),
        *(column(name) for name in ("classroom_id", "passcode", "label")),
    )
    with engine.begin() as db:
        db.execute(
            insert(classrooms),
            [{"id": 1, "name": "A", "created_at": now}, {"id": 2, "name": "B", "created_at": now}],
        )
        rows = [
            ("a" * 32, 1, "ABCDEF"),
            ("b" * 32, 1, "GHJKLM"),
            ("c" * 32, 2, "NPQRST"),
            ("d" * 32, None, None),
        ]
        db.execute(
            insert(sandboxes),
            [
                {
                    "id": i,
                    "seed": 1,
                    "created_at": now,
                    "clock_offset_seconds": 0,
                    "faults": "{}",
                    "settings": "{}",
                    "rng_counter": 0,
                    "classroom_id": c,
                    "passcode": p,
                    "label": "x",
                }
                for i, c, p in rows
            ],
        )
    _migrate(engine, "0009")
    with engine.connect() as db:
        codes = dict(db.execute(select(sandboxes.c.id, sandboxes.c.passcode)).all())
    assert codes["d" * 32] is None
    for sandbox_id in ("a" * 32, "b" * 32, "c" * 32):
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", codes[sandbox_id]), codes
    assert codes["a" * 32][:4] == codes["b" * 32][:4] != codes["c" * 32][:4]
    assert "join_failures" in inspect(engine).get_table_names()
    _migrate(engine, "0006", down=True)
    assert "join_failures" not in inspect(engine).get_table_names()
    engine.dispose()
