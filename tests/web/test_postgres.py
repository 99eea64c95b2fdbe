"""The same application on PostgreSQL: a class spread over several hosts shares one database."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from simulator import create_app
from tests.conftest import make_test_config
from tests.helpers import Browser, check_round_trip
from tests.postgres import TemporaryPostgres


def empty_database(postgres_url: str, name: str) -> URL:
    """A new, empty database on the test server: each migration test starts from nothing."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(postgres_url).set(database=name)


@pytest.fixture(scope="module")
def postgres_url():
    server = TemporaryPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def pg_apps(postgres_url, tmp_path):
    config = make_test_config(tmp_path, DATABASE_URL=postgres_url)
    apps = create_app(config), create_app(config)
    yield apps
    for application in apps:
        application.extensions["sim.db"].dispose()


def test_the_store_really_is_postgresql(pg_apps):
    with pg_apps[0].extensions["sim.db"].engine.connect() as connection:
        assert "PostgreSQL" in connection.execute(text("select version()")).scalar()


def test_pigp_login_started_on_one_host_finished_on_the_other(pg_apps):
    first, second = pg_apps
    web = Browser(first.test_client()).open_sandbox()
    creds = web.state()["accounts"]["pigp"]
    assert (
        web.post(
            "/pigp/connexion", {"username": creds["username"], "password": creds["password"]}
        ).location
        == "/pigp/code"
    )
    code = web.latest_code()
    web.move_to(second)
    assert web.post("/pigp/code", {"code": code}).location == "/pigp/accueil"
    web.post("/pigp/deconnexion")
    assert (
        web.post(
            "/pigp/connexion", {"username": creds["username"], "password": creds["password"]}
        ).location
        == "/pigp/accueil"
    )


def test_sandboxes_stay_apart_on_postgresql(pg_apps):
    first, second = pg_apps
    alice, bob = Browser(first.test_client()), Browser(second.test_client())
    alice.open_sandbox(), bob.open_sandbox()
    creds = alice.state()["accounts"]["pigp"]
    alice.post("/pigp/connexion", {"username": creds["username"], "password": creds["password"]})
    assert alice.latest_code()
    assert "Aucun message" in bob.text("/messagerie/")
    assert (
        bob.post(
            "/pigp/connexion", {"username": creds["username"], "password": creds["password"]}
        ).status_code
        == 400
    )


def test_two_hosts_migrating_a_new_postgresql_database_at_once_both_succeed(postgres_url):
    """The advisory lock: one host migrates, the other waits and finds the schema at head."""
    import threading

    from simulator.store.migrate import current, head, upgrade

    url = empty_database(postgres_url, "concurrent_start")
    errors = []

    def start():
        engine = create_engine(url)
        try:
            upgrade(engine)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    engine = create_engine(url)
    assert current(engine) == head()
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from simulator.store.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_migration_0006_moves_the_sandbox_settings_into_columns_on_postgresql(postgres_url):
    url = empty_database(postgres_url, "at_0005")
    check_round_trip(url.render_as_string(hide_password=False))
