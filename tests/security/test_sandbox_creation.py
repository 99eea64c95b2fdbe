"""Sandboxes come only from « Commencer » (a POST), within a ceiling per server."""

from __future__ import annotations

from simulator import create_app
from simulator.services import sandboxes
from tests.conftest import make_test_config
from tests.helpers import csrf_from, open_sandbox


def _count(app) -> int:
    with app.extensions["sim.db"].session() as db:
        return sandboxes.count(db)


def test_a_crawler_without_cookies_creates_nothing(app):
    for url in ["/", "/pigp/", "/messagerie/", "/karbon/", "/", "/telephone/"] * 5:
        assert app.test_client().get(url).status_code == (200 if url == "/" else 302), url
    assert _count(app) == 0


def test_commencer_without_its_token_creates_nothing(app, client):
    assert client.post("/commencer").status_code == 400
    assert _count(app) == 0


def test_the_ceiling_is_said_in_french(tmp_path):
    app = create_app(make_test_config(tmp_path, SIM_MAX_SANDBOXES=2))
    open_sandbox(app.test_client())
    open_sandbox(app.test_client())
    late = app.test_client()
    token = csrf_from(late.get("/").get_data(as_text=True))
    response = late.post("/commencer", data={"csrf_token": token})
    assert response.status_code == 503
    assert "le maximum prévu" in response.get_data(as_text=True)
    assert _count(app) == 2
    app.extensions["sim.db"].dispose()
