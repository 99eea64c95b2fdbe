"""One rule for the login history of the code step, seen from two portals that disagreed:
PIGP recorded nothing for a wrong e-mailed code, OneGov nothing for a malformed one."""

from __future__ import annotations

from sqlalchemy import select

from simulator.store import LoginEvent

from .test_onegov_support import enrol
from .test_onegov_support import login as onegov_login
from .test_onegov_support import logout as onegov_logout


def events(app) -> list[LoginEvent]:
    with app.extensions["sim.db"].session() as db:
        return list(db.scalars(select(LoginEvent).order_by(LoginEvent.id)))


def test_pigp_records_a_wrong_code(app, browser_client):
    creds = browser_client.state()["accounts"]["pigp"]
    browser_client.post("/pigp/connexion", {"username": creds["username"], "password": creds["password"]})
    wrong = "111111" if browser_client.latest_code() != "111111" else "222222"
    assert browser_client.post("/pigp/code", {"code": wrong}).status_code == 400
    last = events(app)[-1]
    assert (last.success, last.second_factor) == (False, "email")
    assert "incorrect" in last.reason


def test_onegov_records_a_malformed_code_with_its_reason(app, browser_client, wall):
    enrol(browser_client, wall)
    onegov_logout(browser_client)
    onegov_login(browser_client)
    before = len(events(app))
    assert browser_client.post("/onegov/connexion/code", {"code": "abcdef"}).status_code == 400
    recorded = events(app)[before:]
    assert len(recorded) == 1
    assert (recorded[0].success, recorded[0].second_factor) == (False, "totp")
    assert "mal formé" in recorded[0].reason
