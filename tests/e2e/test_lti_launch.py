"""A learner launched from the platform, in Chromium: launch → sandbox → PIGP first login
→ the score posted to the platform's AGS endpoint."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from simulator.lti import grades
from simulator.store import LtiRegistration
from tests.lti_platform import Platform, Served

pytestmark = pytest.mark.browser


@pytest.fixture
def moodle(live_server):
    platform = Platform(client_id="client-e2e")
    served = Served(platform)
    import requests

    platform.setup(live_server.url, requests.get(live_server.url + "/lti/jwks", timeout=5).json())
    from simulator.lti import registrations

    with live_server.app.extensions["sim.db"].session() as db:
        row = registrations.record(
            db,
            platform.openid_configuration(),
            {
                "client_id": platform.client_id,
                "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "1"},
            },
            live_server.app.extensions["sim.wall_clock"].now(),
        )
        row.status = "active"
    yield platform
    served.stop()
    with live_server.app.extensions["sim.db"].session() as db:
        db.query(LtiRegistration).filter_by(client_id="client-e2e").delete()


def test_launch_then_pigp_first_login_posts_the_score(live_server, moodle, context):
    moodle.browser_claims = {
        "sub": "e2e-1",
        "name": "Alex Moreau",
        "custom": {"exercices": "pigp-premiere-connexion"},
        "resource_link": "lien-e2e",
    }
    page = context.new_page()
    query = urlencode(
        {
            "iss": moodle.issuer,
            "login_hint": "e2e-1",
            "target_link_uri": live_server.url + "/lti/launch",
            "client_id": moodle.client_id,
        }
    )
    page.goto(f"{live_server.url}/lti/login?{query}")
    page.wait_for_url("**/progression")
    assert page.get_by_text("Première connexion au PIGP sans perdre le cookie").first.is_visible()
    page.screenshot(path="/tmp/lti-e2e-progression.png")
    # PIGP first login: identifier and password from the home page, the code from the mailbox
    from tests.e2e.trainee import Trainee, pigp_login_with_code

    pigp_login_with_code(Trainee(page))
    grades.deliver_due(
        live_server.app.extensions["sim.db"], live_server.app.config["LTI_KEY_FOLDER"]
    )
    assert moodle.scores and moodle.scores[-1]["scoreGiven"] == 1
    assert moodle.scores[-1]["scoreMaximum"] == 1


def test_lti_pages_pass_axe(live_server, moodle, context, axe):
    """The deep-linking choice, a refusal and the trainer's « Plateformes LTI »."""
    from tests.conftest import E2E_INSTRUCTOR_PASSWORD
    from tests.lti_platform import INSTRUCTOR

    moodle.browser_claims = {"roles": INSTRUCTOR, "deep_linking": True, "sub": "prof-e2e"}
    page = context.new_page()
    query = urlencode({"iss": moodle.issuer, "login_hint": "p", "client_id": moodle.client_id})
    page.goto(f"{live_server.url}/lti/login?{query}")
    page.get_by_role("heading", name="Choisir les exercices de l'activité").wait_for()
    page.get_by_role("checkbox", name="Activer la 2FA sur le BNUM").check()
    assert axe.violations(page) == []
    page.goto(
        f"{live_server.url}/lti/login?" + urlencode({"iss": "https://x.test", "login_hint": "1"})
    )
    assert axe.violations(page) == []
    page.goto(f"{live_server.url}/formateur/connexion")
    page.get_by_label("Mot de passe formateur").fill(E2E_INSTRUCTOR_PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.goto(f"{live_server.url}/lti/plateformes")
    page.get_by_role("button", name=re.compile("Suspendre")).first.wait_for()
    assert axe.violations(page) == []
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"/tmp/lti-platforms-{width}.png")
