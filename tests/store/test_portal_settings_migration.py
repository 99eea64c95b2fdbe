"""Migration 0012: Karbon's « Exiger la 2FA » and OneGov's policy leave their sandbox columns
(migration 0006) for the one store of portal settings (migration 0007), each portal's values
under its typed model; the downgrade puts them back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, create_engine, insert, inspect, select, table

from simulator.store.migrate import alembic_config

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC).replace(tzinfo=None)
# sandbox id: (karbon_requires_2fa, onegov_policy)
COLUMNS = {"a" * 32: (False, "required"), "b" * 32: (True, None), "c" * 32: (True, "forbidden")}
SANDBOXES = table(
    "sandboxes",
    *(column(name) for name in ("id", "seed", "created_at", "clock_offset_seconds")),
    *(column(name) for name in ("faults", "settings", "rng_counter", "guided_index")),
    column("karbon_requires_2fa"),
    column("onegov_policy"),
)
SETTINGS = table("portal_settings", column("sandbox_id"), column("portal"), column("values"))


def _migrate(engine, revision: str, *, down: bool = False) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def _stored(engine) -> dict[tuple[str, str], dict]:
    with engine.connect() as db:
        rows = db.execute(select(SETTINGS)).all()
    return {(s, p): v if isinstance(v, dict) else json.loads(v) for s, p, v in rows}


def test_the_two_columns_move_into_the_portal_settings_and_back(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    _migrate(engine, "0011")
    with engine.begin() as db:
        db.execute(
            insert(SANDBOXES),
            [
                {
                    "id": key,
                    "seed": 1,
                    "created_at": NOW,
                    "clock_offset_seconds": 0,
                    "faults": "{}",
                    "settings": "{}",
                    "rng_counter": 0,
                    "guided_index": 0,
                    "karbon_requires_2fa": required,
                    "onegov_policy": policy,
                }
                for key, (required, policy) in COLUMNS.items()
            ],
        )
        # a value another portal already keeps there stays as it is
        db.execute(insert(SETTINGS), [{"sandbox_id": "b" * 32, "portal": "pigp", "values": "{}"}])

    _migrate(engine, "0012")
    sandbox_columns = {c["name"] for c in inspect(engine).get_columns("sandboxes")}
    assert not {"karbon_requires_2fa", "onegov_policy"} & sandbox_columns
    assert _stored(engine) == {
        ("a" * 32, "karbon"): {"requires_2fa": False},
        ("a" * 32, "onegov"): {"policy": "required"},
        ("b" * 32, "pigp"): {},
        ("c" * 32, "onegov"): {"policy": "forbidden"},
    }

    _migrate(engine, "0011", down=True)
    with engine.connect() as db:
        back = {
            key: (required, policy)
            for key, required, policy in db.execute(
                select(SANDBOXES.c.id, SANDBOXES.c.karbon_requires_2fa, SANDBOXES.c.onegov_policy)
            )
        }
    assert back == COLUMNS
    assert _stored(engine) == {("b" * 32, "pigp"): {}}
    engine.dispose()
