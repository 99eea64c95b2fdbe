"""The 2FA switch: set-up by QR code, deactivation with a current code, organisation policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.portals import code_at, shown_secret

SETUP = "/onegov/portail/2fa/configuration"
OFF = "/onegov/portail/2fa/desactivation"


def set_policy(web, value):
    web.client.post("/_sim/settings", json={"onegov_policy": value})


def test_switch_leads_to_the_setup(onegov):
    onegov.login()
    page = onegov.text("/onegov/portail")
    assert f'action="{SETUP}"' in page and 'aria-checked="false"' in page
    assert (
        '<button type="submit" class="og-switch" role="switch"' in page
    )  # Space and Enter press it


def test_setup_shows_the_seed_wording_and_a_sandbox_qr(onegov):
    onegov.login()
    page = onegov.text(SETUP)
    for text in (
        "Google Authenticator",
        "Authy",
        "Code de confirmation",
        "Vérifier et activer",
        "Impossible de scanner ?",
    ):
        assert text in page
    assert "OneGov%20GED%20%28simulation%29" in page


def test_activation(onegov, wall):
    onegov.login()
    secret = shown_secret(onegov.text(SETUP))
    assert shown_secret(onegov.text(SETUP)) == secret  # a reload keeps the same pending secret
    response = onegov.post(SETUP, {"code": code_at(secret, wall)}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "L&#39;authentification à 2 facteurs est maintenant liée à votre compte." in page
    assert 'aria-checked="true"' in page
    assert "associée à votre compte" in onegov.latest_mail()
    assert onegov.get(SETUP).headers["Location"].endswith("/onegov/portail")


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Saisissez le code à 6 chiffres"),
        ("12345", "6 chiffres (de 0 à 9)"),
        ("１２３４５６", "6 chiffres (de 0 à 9)"),
        ("'; DROP TABLE factors; --", "6 chiffres (de 0 à 9)"),
        ("000000", "Code incorrect"),
    ],
)
def test_activation_refuses_bad_codes(onegov, typed, message):
    onegov.login()
    onegov.get(SETUP)
    response = onegov.post(SETUP, {"code": typed})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert 'aria-checked="false"' in onegov.text("/onegov/portail")  # nothing saved


def test_confirmation_without_a_qr_code_is_refused(onegov):
    onegov.login()
    response = onegov.post(SETUP, {"code": "123456"})
    assert response.headers["Location"].endswith(SETUP)
    assert 'aria-checked="false"' in onegov.text("/onegov/portail")


def test_activation_needs_csrf(onegov, wall):
    onegov.login()
    secret = shown_secret(onegov.text(SETUP))
    assert onegov.post(SETUP, {"code": code_at(secret, wall)}, csrf=False).status_code == 400


@pytest.mark.parametrize("how", ["setting", "fault"])
def test_forbidden_policy_greys_the_switch_out(onegov, how):
    if how == "setting":
        set_policy(onegov, "forbidden")
    else:
        onegov.client.post("/_sim/faults", json={"onegov_forbids_2fa": True})
    onegov.login()
    page = onegov.text("/onegov/portail")
    assert 'aria-disabled="true"' in page and f'action="{SETUP}"' not in page
    assert "Veuillez contacter la personne responsable de votre système." in page
    refused = onegov.get(SETUP)
    assert refused.headers["Location"].endswith("/onegov/portail")
    assert onegov.post(SETUP, {"code": "123456"}).status_code == 302


def test_deactivation_asks_for_a_current_code(onegov, wall):
    secret = onegov.enrol(wall)
    assert "code actuel" in onegov.text(OFF)
    wrong = onegov.post(OFF, {"code": "000000"})
    assert wrong.status_code == 400 and "Code incorrect" in wrong.get_data(as_text=True)
    done = onegov.post(OFF, {"code": code_at(secret, wall)})
    assert done.headers["Location"].endswith("/onegov/portail")
    assert 'aria-checked="false"' in onegov.text("/onegov/portail")
    assert "désactivée" in onegov.latest_mail()
    assert onegov.get(OFF).headers["Location"].endswith("/onegov/portail")


def test_deactivation_refuses_a_code_already_used(onegov, wall):
    secret = onegov.enrol(wall)
    wall.advance(timedelta(seconds=-30))
    used = code_at(secret, wall)
    wall.advance(timedelta(seconds=30))
    response = onegov.post(OFF, {"code": used})
    assert response.status_code == 400 and "déjà été utilisé" in response.get_data(as_text=True)


def test_deactivation_needs_csrf(onegov, wall):
    secret = onegov.enrol(wall)
    assert onegov.post(OFF, {"code": code_at(secret, wall)}, csrf=False).status_code == 400


def test_required_policy_keeps_2fa_on(onegov, wall):
    onegov.enrol(wall)
    set_policy(onegov, "required")
    assert "ne peut pas être désactivée" in onegov.text("/onegov/portail")
    assert onegov.get(OFF).headers["Location"].endswith("/onegov/portail")


def test_required_policy_setup_then_app(onegov, wall):
    set_policy(onegov, "required")
    onegov.login()
    secret = shown_secret(onegov.text(SETUP))
    assert onegov.post(SETUP, {"code": code_at(secret, wall)}).status_code == 302
    assert onegov.get("/onegov/seances").status_code == 200
