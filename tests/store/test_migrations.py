"""The schema comes only from the Alembic migrations: they agree with the models, they
upgrade a database made by the previous release without losing anything, and concurrent
starts on a new database all succeed."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from simulator import create_app
from simulator.store import Account, Factor, Message, Sandbox, TrustedDevice
from simulator.store.migrate import current, head, upgrade
from simulator.store.models import Base
from tests.conftest import make_test_config
from tests.fixtures import models_01207a9 as old

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_models_and_migrations_agree(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert current(engine) == head()
    engine.dispose()


def test_the_comparison_would_see_a_missing_column(tmp_path):
    """The check above can fail: a database one column short is reported."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    old.Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE messages DROP COLUMN read_at")
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert any(change[0] == "add_column" and change[3].name == "read_at" for change in diff)
    engine.dispose()


def _previous_release_database(path) -> str:
    """A database as the release of commit 01207a9 left it, with a trainee's data in it."""
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    old.Base.metadata.create_all(engine)
    with Session(engine) as session:
        sandbox = old.Sandbox(
            id="s" * 32, seed=7, created_at=NOW, faults={}, settings={"x": 1}, label="Poste 3"
        )
        account = old.Account(
            portal="pigp",
            username="jean.dupont",
            password_hash="h",
            email="jean@exemple.test",
            display_name="Jean Dupont",
            created_at=NOW,
            state={"step": 2},
        )
        sandbox.accounts.append(account)
        account.factors.append(
            old.Factor(kind="totp", name="Téléphone", secret="JBSWY3DPEHPK3PXP", created_at=NOW)
        )
        session.add(sandbox)
        session.flush()
        session.add_all(
            [
                old.Message(
                    sandbox_id=sandbox.id,
                    channel="mail",
                    portal="pigp",
                    sender="ne-pas-repondre@dgfip.finances.gouv.fr",
                    recipient="jean@exemple.test",
                    subject=f"Code {n}",
                    body="Votre code",
                    created_at=NOW,
                    deliver_at=NOW,
                    folder="inbox",
                )
                for n in range(3)
            ]
        )
        session.add(
            old.TrustedDevice(
                account_id=account.id,
                token_hash="t" * 64,
                created_at=NOW,
                expires_at=NOW + timedelta(days=30),
                user_agent="Firefox",
            )
        )
        session.commit()
    engine.dispose()
    return url


def test_a_database_from_the_previous_release_upgrades_with_nothing_lost(tmp_path):
    url = _previous_release_database(tmp_path / "release.sqlite")
    assert "alembic_version" not in inspect(create_engine(url)).get_table_names()
    app = create_app(make_test_config(tmp_path, DATABASE_URL=url))
    database = app.extensions["sim.db"]
    assert current(database.engine) == head()
    with database.session() as session:
        sandbox = session.get(Sandbox, "s" * 32)
        assert (sandbox.seed, sandbox.label, sandbox.settings) == (7, "Poste 3", {"x": 1})
        account = session.scalars(select(Account)).one()
        assert (account.username, account.state, account.created_at) == (
            "jean.dupont",
            {"step": 2},
            NOW,
        )
        assert [f.secret for f in session.scalars(select(Factor))] == ["JBSWY3DPEHPK3PXP"]
        assert sorted(m.subject for m in session.scalars(select(Message))) == [
            "Code 0",
            "Code 1",
            "Code 2",
        ]
        device = session.scalars(select(TrustedDevice)).one()
        assert device.expires_at == NOW + timedelta(days=30)
    database.dispose()


def _start(url: str, queue) -> None:
    try:
        engine = create_engine(url)
        upgrade(engine)
        engine.dispose()
        queue.put("ok")
    except Exception as error:  # noqa: BLE001 - reported to the parent
        queue.put(repr(error))


def test_four_processes_upgrading_a_new_database_at_once_all_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [context.Process(target=_start, args=(url, queue)) for _ in range(4)]
    for process in processes:
        process.start()
    results = [queue.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert results == ["ok"] * 4
    assert current(create_engine(url)) == head()
