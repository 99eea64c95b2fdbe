"""One rule for the login history of the code step, seen from two portals that disagreed:
PIGP recorded nothing for a wrong e-mailed code, OneGov nothing for a malformed one."""

from __future__ import annotations

from sqlalchemy import select

from simulator.store import LoginEvent


def events(app) -> list[LoginEvent]:
    with app.extensions["sim.db"].session() as db:
        return list(db.scalars(select(LoginEvent).order_by(LoginEvent.id)))


def test_pigp_records_a_wrong_code(app, browser_client, pigp):
    pigp.login()
    wrong = "111111" if browser_client.latest_code() != "111111" else "222222"
    assert browser_client.post("/pigp/code", {"code": wrong}).status_code == 400
    last = events(app)[-1]
    assert (last.success, last.second_factor) == (False, "email")
    assert "incorrect" in last.reason


def test_onegov_records_a_malformed_code_with_its_reason(app, browser_client, onegov, wall):
    onegov.enrol(wall)
    onegov.logout()
    onegov.login()
    before = len(events(app))
    assert browser_client.post("/onegov/connexion/code", {"code": "abcdef"}).status_code == 400
    recorded = events(app)[before:]
    assert len(recorded) == 1
    assert (recorded[0].success, recorded[0].second_factor) == (False, "totp")
    assert "mal formé" in recorded[0].reason
