"""Fixtures of the LTI tests: a platform served on loopback, the simulator with one key
pair for the whole run, a registration made by dynamic registration and activated."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest

from simulator import create_app
from simulator.lti import registrations
from tests.conftest import make_test_config
from tests.lti_platform import Platform, Served

TOOL = "http://localhost"


@pytest.fixture(scope="session")
def key_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("lti-keys")


@pytest.fixture
def app(tmp_path, key_folder):
    application = create_app(make_test_config(tmp_path, LTI_KEY_FOLDER=key_folder))
    yield application
    application.extensions["sim.db"].dispose()


@pytest.fixture
def platform(client):
    moodle = Platform()
    served = Served(moodle)
    moodle.setup(TOOL, client.get("/lti/jwks").get_json())
    yield moodle
    served.stop()


def registration_url(app, platform, token=None) -> str:
    key = registrations.invitation_key(app.config["SECRET_KEY"])
    query = {
        "cle": key,
        "openid_configuration": platform.url + "/.well-known/openid-configuration",
        "registration_token": token or platform.registration_token,
    }
    return "/lti/inscription?" + urlencode(query)


@pytest.fixture
def registered(app, client, platform):
    """Moodle registered the tool (dynamic registration), the trainer activated it."""
    response = client.get(registration_url(app, platform))
    assert response.status_code == 200, response.get_data(as_text=True)
    from simulator.store import LtiRegistration

    with app.extensions["sim.db"].session() as db:
        row = db.query(LtiRegistration).one()
        row.status = "active"
    return platform


def login_query(platform, **extra) -> str:
    return "/lti/login?" + urlencode(
        {
            "iss": platform.issuer,
            "login_hint": "12",
            "target_link_uri": TOOL + "/lti/launch",
            "lti_message_hint": "hint",
            "client_id": platform.client_id,
            "lti_deployment_id": platform.deployment_id,
            **extra,
        }
    )


def launch(client, platform, follow=True, **claims):
    """OIDC login → the platform's authorization → the launch POST, as a browser does."""
    login = client.get(login_query(platform))
    assert login.status_code == 302, login.get_data(as_text=True)
    answer = platform.authorize(login.headers["Location"], **claims)
    return client.post(
        "/lti/launch",
        data={"id_token": answer["id_token"], "state": answer["state"]},
        follow_redirects=follow,
    ), answer


def sandbox_id_of(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("sandbox")


def page_text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))
