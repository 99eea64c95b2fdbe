"""SIM_HTTPS makes every cookie Secure: the sandbox session, the portals' sessions and the
trust cookie alike (behind nginx terminating HTTPS, the app itself sees plain HTTP)."""

from __future__ import annotations

from simulator import create_app
from tests.conftest import make_test_config
from tests.helpers import Browser


def test_every_cookie_is_secure_with_sim_https(tmp_path):
    app = create_app(make_test_config(tmp_path, SIM_HTTPS=True))
    web = Browser(app.test_client())
    headers = []
    token = web.client.get("/")
    headers += token.headers.getlist("Set-Cookie")
    web.open_sandbox()
    creds = web.state()["accounts"]["pigp"]
    response = web.post(
        "/pigp/connexion", {"username": creds["username"], "password": creds["password"]}
    )
    headers += response.headers.getlist("Set-Cookie")
    response = web.post("/pigp/code", {"code": web.latest_code(), "trust": "y"})
    headers += response.headers.getlist("Set-Cookie")
    assert len(headers) >= 3
    assert all("Secure" in header for header in headers), headers
    app.extensions["sim.db"].dispose()
