"""Each exercise is detected from what really happened in the sandbox, never self-declared."""

from __future__ import annotations

import pytest

from simulator.domain.faults import Faults
from simulator.services import exercises


def status(web) -> dict[str, bool]:
    page = web.text("/progression")
    return {
        e.key: f'data-testid="status-{e.key}"><span class="tag ok">' in page
        for e in exercises.CATALOGUE
    }


def only_done(web, *keys):
    done = {key for key, value in status(web).items() if value}
    assert done == set(keys)


def test_nothing_is_done_in_a_new_sandbox(browser_client):
    only_done(browser_client)


def test_pigp_first_login(browser_client, pigp):
    pigp.full_login()
    only_done(browser_client, "pigp-premiere-connexion")


def test_pigp_code_in_spam(browser_client, pigp):
    browser_client.post("/progression/pigp-code-indesirable/incident")
    pigp.full_login("spam")
    only_done(browser_client, "pigp-premiere-connexion", "pigp-code-indesirable")


def test_pigp_delayed_mail_waited_for(browser_client, pigp):
    browser_client.post("/progression/pigp-courriel-retarde/incident")
    pigp.login()
    assert "Aucun message" in browser_client.text("/messagerie/")
    for _ in range(2):
        browser_client.post("/horloge/avancer/5min")
    assert (
        browser_client.post("/pigp/code", {"code": browser_client.latest_code()}).location
        == "/pigp/accueil"
    )
    only_done(browser_client, "pigp-premiere-connexion", "pigp-courriel-retarde")


def test_pigp_wrong_address_needs_the_help_page_during_the_incident(browser_client):
    browser_client.get("/pigp/aide")
    only_done(browser_client)
    browser_client.post("/progression/pigp-adresse-erronee/incident")
    browser_client.get("/pigp/aide")
    only_done(browser_client, "pigp-adresse-erronee")


def test_bnum_then_otp_mel(browser_client, cerbere, wall):
    cerbere.enrolled(wall)
    only_done(browser_client, "bnum-2fa", "piag-otp-mel")


def test_onegov_2fa(browser_client, wall, onegov):
    onegov.enrol(wall)
    only_done(browser_client, "onegov-2fa")


def test_onegov_forbidden_switch_seen(browser_client, onegov):
    browser_client.post("/progression/onegov-2fa-interdite/incident")
    assert onegov.login().status_code == 302
    browser_client.get("/onegov/portail")
    only_done(browser_client, "onegov-2fa-interdite")


def test_karbon_set_up(browser_client, wall, karbon):
    karbon.enrol(wall)
    only_done(browser_client, "karbon-configuration")


def test_karbon_recovery_code_after_losing_the_phone(browser_client, wall, karbon):
    _secret, codes = karbon.enrol(wall)
    karbon.logout()
    browser_client.post("/progression/karbon-code-recuperation/incident")
    assert "no-entries" in browser_client.text("/authentificateur/")  # the app forgot everything
    karbon.login()
    browser_client.post("/karbon/verification/code-de-recuperation", {"code": codes[0]})
    only_done(browser_client, "karbon-configuration", "karbon-code-recuperation")


def test_eulogin_sms(browser_client, wall, eulogin):
    eulogin.login_password()
    eulogin.add_phone(wall)
    only_done(browser_client)  # a number alone is not the exercise: the SMS login is
    browser_client.post("/eulogin/deconnexion")
    eulogin.login_sms(wall)
    only_done(browser_client, "eulogin-sms")


def wait_fifteen_minutes(web):
    for _ in range(3):
        web.post("/horloge/avancer/5min")


def test_eulogin_late_sms_waited_for(browser_client, wall, eulogin):
    browser_client.post("/progression/eulogin-sms-retard/incident")
    eulogin.login_password()
    _, _, mobile = eulogin.credentials()
    assert browser_client.post(eulogin.ADD, {"phone": mobile}).status_code == 302
    wait_fifteen_minutes(browser_client)
    assert (
        browser_client.post(eulogin.CONFIRM, {"code": browser_client.latest_sms_code()}).status_code
        == 302
    )
    browser_client.post("/eulogin/deconnexion")
    assert eulogin.start_sms_login().status_code == 302
    wait_fifteen_minutes(browser_client)
    browser_client.post(eulogin.SMS, {"code": browser_client.latest_sms_code()})
    assert status(browser_client)["eulogin-sms-retard"]


@pytest.mark.parametrize("exercise", exercises.CATALOGUE, ids=lambda e: e.key)
def test_every_exercise_points_at_a_guide_page_that_exists(exercise):
    from pathlib import Path

    assert (Path(__file__).resolve().parents[2] / "docs" / exercise.guide).exists()
    assert exercise.fault is None or exercise.fault in Faults.__dataclass_fields__


def test_progress_is_not_shared_between_trainees(browser_client, other_browser, pigp):
    pigp.full_login()
    only_done(other_browser)
