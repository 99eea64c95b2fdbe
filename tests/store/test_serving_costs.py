"""What a class's requests must not pay again and again (found by `make bench`'s login load):
an fsync a commit on SQLite, a first page that writes, the walkthroughs parsed per thread."""

from __future__ import annotations

import re

import pytest
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


# What every request of a login paid and no longer pays (issue 28), each counted so that it
# cannot come back unseen.


def test_the_unread_badges_of_every_page_cost_one_statement(pigp, sql):
    pigp.open_sandbox()
    assert pigp.login().location == "/pigp/code"  # a code mailed: one unread mail
    with sql() as statements:
        page = pigp.text("/pigp/code")
    on_messages = statements.touching("messages")
    assert len(on_messages) == 1, on_messages  # mail and SMS together, no subquery
    assert "FROM (SELECT" not in on_messages[0]
    assert 'data-testid="bar-mailbox">Messagerie <span class="sb-count">1<' in page
    assert 'data-testid="bar-phone">Téléphone<span' in page  # no SMS: no badge


def test_a_login_without_failures_deletes_nothing_so_takes_no_write_lock_early(pigp, sql):
    pigp.open_sandbox()
    with sql() as statements:
        assert pigp.login().location == "/pigp/code"
    assert not [s for s in statements.writes() if "failures" in s]


def test_a_login_after_failures_still_forgets_them(pigp, sql):
    pigp.open_sandbox()
    assert "incorrect" in pigp.login("mauvais").get_data(as_text=True)
    with sql() as statements:
        assert pigp.login().location == "/pigp/code"
    assert [s for s in statements.writes() if s.startswith("DELETE FROM failures")]


def test_pages_that_only_show_write_nothing(pigp, sql):
    """A read-only request takes no write (SQLite has one writer at a time)."""
    pigp.open_sandbox()
    pigp.full_login()  # its code's mail read once: marked read then, not at every look
    mail = re.search(r"/messagerie/message/\d+", pigp.text("/messagerie/")).group(0)
    pages = ("/", "/pigp/accueil", "/messagerie/", mail, "/telephone/", "/pigp/connexion")
    # The first arrival on a walkthrough's page is a step of the trainee's record (issue 24):
    # one write, then none while the page is only shown again
    for url in pages:
        assert pigp.get(url).status_code == 200
    for url in pages:
        with sql() as statements:
            assert pigp.get(url).status_code == 200
        assert statements.writes() == [], url


def test_make_bench_s_anchor_is_a_compiled_page_as_large_as_a_trainee_s_home(browser_client):
    """The bare endpoint must not compile its template at each request (an anchor slower than
    it need be flattered the ratio) and must write as many bytes as the page it stands for."""
    from tests.bench import bare

    anchor = bare.make_app()
    renders = anchor.jinja_env.compile
    anchor.jinja_env.compile = lambda *a, **k: pytest.fail("compiled at a request")
    size = len(anchor.test_client().get("/").data)
    anchor.jinja_env.compile = renders
    home = len(browser_client.open_sandbox().get("/").data)
    assert 0.9 * home <= size <= 1.1 * home


def test_serve_compiles_every_template_before_the_workers_fork(monkeypatch, tmp_path):
    """Each worker compiled each page at its first request; now the master does it once."""
    from simulator import __main__ as cli

    served = []
    monkeypatch.setattr(cli._Gunicorn, "run", lambda self: served.append(self.application))
    monkeypatch.setenv("SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    monkeypatch.setenv("SIM_INSTRUCTOR_PASSWORD", "x")
    monkeypatch.setenv("SIM_SECRET_KEY", "k")
    cli.main(["serve"])
    (app,) = served
    app.jinja_env.compile = lambda *a, **k: pytest.fail("a template compiled at a request")
    names = [n for n in app.jinja_env.list_templates() if n.endswith(".html")]
    assert len(names) > 50
    for name in names:
        app.jinja_env.get_template(name)
    app.extensions["sim.db"].dispose()
