"""Dynamic registration as Moodle 4.3 does it, and the trainer's activation."""

from __future__ import annotations

import pytest

from simulator.store import LtiRegistration
from tests.lti.conftest import login_query, page_text, registration_url


def test_dynamic_registration_posts_what_moodle_expects(app, client, platform):
    response = client.get(registration_url(app, platform))
    assert response.status_code == 200
    assert "Outil enregistré" in response.get_data(as_text=True)
    assert "lti.js" in response.get_data(as_text=True)  # posts org.imsglobal.lti.close
    sent = platform.registrations[0]
    assert sent["application_type"] == "web"
    assert sent["response_types"] == ["id_token"]
    assert sent["grant_types"] == ["implicit", "client_credentials"]
    assert sent["token_endpoint_auth_method"] == "private_key_jwt"
    assert sent["initiate_login_uri"] == "http://localhost/lti/login"
    assert sent["redirect_uris"] == ["http://localhost/lti/launch"]
    assert sent["jwks_uri"] == "http://localhost/lti/jwks"
    for scope in ("lti-ags/scope/score", "lti-ags/scope/lineitem", "contextmembership.readonly"):
        assert scope in sent["scope"]
    config = sent["https://purl.imsglobal.org/spec/lti-tool-configuration"]
    assert config["domain"] == "localhost"
    assert config["messages"][0]["type"] == "LtiDeepLinkingRequest"
    with app.extensions["sim.db"].session() as db:
        row = db.query(LtiRegistration).one()
        assert (row.issuer, row.client_id, row.deployment_ids) == (
            platform.issuer,
            platform.client_id,
            ["1"],
        )
        assert row.status == "pending"
        assert row.auth_token_url == platform.url + "/token"


def test_domain_keeps_a_port_other_than_443():
    from simulator.lti.dynamic import domain_of

    assert domain_of("http://10.0.0.5:5000") == "10.0.0.5:5000"
    assert domain_of("https://bac.test") == "bac.test"
    assert domain_of("https://bac.test:8443") == "bac.test:8443"


def test_a_pending_registration_serves_no_launch(app, client, platform):
    client.get(registration_url(app, platform))
    response = client.get(login_query(platform))
    assert response.status_code == 403
    assert "pas encore activée" in response.get_data(as_text=True)


def test_registration_needs_the_platforms_token(app, client, platform):
    response = client.get(registration_url(app, platform, token="un-autre-jeton"))
    assert response.status_code == 502
    assert "Enregistrement impossible" in response.get_data(as_text=True)
    with app.extensions["sim.db"].session() as db:
        assert db.query(LtiRegistration).count() == 0


def test_registration_needs_the_invitation_key(client, platform):
    url = (
        "/lti/inscription?cle=faux&openid_configuration=" + platform.url + "/x&registration_token=t"
    )
    response = client.get(url)
    assert response.status_code == 403
    assert "clé d'invitation" in page_text(response)


def test_the_trainer_activates_a_platform(app, client, platform):
    from tests.helpers import csrf_from

    client.get(registration_url(app, platform))
    app.config["INSTRUCTOR_PASSWORD"] = "formateur"
    page = client.get("/formateur/connexion").get_data(as_text=True)
    client.post(
        "/formateur/connexion", data={"csrf_token": csrf_from(page), "password": "formateur"}
    )
    page = client.get("/lti/plateformes")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "en attente" in text and "cle=" in text
    with app.extensions["sim.db"].session() as db:
        reg_id = db.query(LtiRegistration).one().id
    response = client.post(
        f"/lti/plateformes/{reg_id}/activer", data={"csrf_token": csrf_from(text)}
    )
    assert response.status_code == 302
    assert client.get(login_query(platform)).status_code == 302


def test_jwks_serves_the_public_key_with_a_kid(client):
    keys = client.get("/lti/jwks").get_json()["keys"]
    assert keys[0]["kid"] and keys[0]["alg"] == "RS256" and "d" not in keys[0]


def test_moodles_own_answer_is_recorded(app):
    """The shape of Moodle 4.3's answer (registration_helper::config_to_registration)."""
    from simulator.lti import registrations

    configuration = {
        "issuer": "https://moodle.exemple.test",
        "token_endpoint": "https://moodle.exemple.test/mod/lti/token.php",
        "jwks_uri": "https://moodle.exemple.test/mod/lti/certs.php",
        "authorization_endpoint": "https://moodle.exemple.test/mod/lti/auth.php",
        "registration_endpoint": "https://moodle.exemple.test/mod/lti/openid-registration.php",
        "https://purl.imsglobal.org/spec/lti-platform-configuration": {
            "product_family_code": "moodle",
            "version": "4.3",
        },
    }
    answer = {
        "client_id": "AbCdEf123",
        "application_type": ["web"],
        "token_endpoint_auth_method": "private_key_jwt",
        "https://purl.imsglobal.org/spec/lti-tool-configuration": {
            "deployment_id": "7",
            "target_link_uri": "http://10.0.0.5:5000/lti/launch",
            "domain": "10.0.0.5:5000",
            "messages": [{"type": "LtiDeepLinkingRequest"}],
        },
    }
    from datetime import UTC, datetime

    with app.extensions["sim.db"].session() as db:
        row = registrations.record(db, configuration, answer, datetime.now(UTC))
        assert (row.client_id, row.deployment_ids, row.status, row.name) == (
            "AbCdEf123",
            ["7"],
            "pending",
            "moodle",
        )
        assert row.auth_login_url.endswith("/mod/lti/auth.php")
        assert row.auth_audience is None  # Moodle's token.php: aud = the token endpoint


@pytest.mark.parametrize(
    "answer",
    [{}, {"client_id": ""}, {"client_id": 5}, {"client_id": "x" * 300}, []],
)
def test_an_unreadable_answer_is_refused(app, answer):
    from datetime import UTC, datetime

    from simulator.lti import registrations

    configuration = {
        "issuer": "https://m.test",
        "authorization_endpoint": "https://m.test/a",
        "token_endpoint": "https://m.test/t",
        "jwks_uri": "https://m.test/k",
    }
    with app.extensions["sim.db"].session() as db, pytest.raises(registrations.RegistrationRefused):
        registrations.record(db, configuration, answer, datetime.now(UTC))
