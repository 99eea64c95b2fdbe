"""What a class's requests must not pay again and again (found by `make bench`'s login load):
an fsync a commit on SQLite, a first page that writes, the walkthroughs parsed per thread."""

from __future__ import annotations

from sqlalchemy import text

from simulator import create_app
from simulator.sandbox import guided
from simulator.services import sandboxes
from tests.conftest import make_test_config


def test_sqlite_commits_wait_for_the_disk_at_checkpoints_only(app):
    with app.extensions["sim.db"].engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_a_new_sandbox_is_already_seen_so_its_first_page_writes_nothing(app, wall):
    with app.app_context(), app.extensions["sim.db"].session() as db:
        sandbox = sandboxes.create(db, wall.now(), hash_method="pbkdf2:sha256:1000")
        assert sandbox.last_seen_at == sandbox.created_at
        sandboxes.seen(sandbox, wall.now())
        assert not db.dirty


def test_the_walkthroughs_are_read_when_the_app_is_made_not_by_its_first_requests(tmp_path):
    """Read lazily, every thread of every worker parsed the 21 YAML files at once on its first
    page: a trainee's home page took a second under a class's load."""
    guided.catalogue.cache_clear()
    app = create_app(make_test_config(tmp_path))
    assert guided.catalogue.cache_info().currsize == 1
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert guided.catalogue.cache_info().misses == 1
    app.extensions["sim.db"].dispose()
