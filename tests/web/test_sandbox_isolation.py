"""Two trainees on one server: neither can read or change the other's sandbox."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from simulator.domain import totp
from tests.portals import Pigp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def ids(browser, url: str, pattern: str) -> list[int]:
    return [int(i) for i in re.findall(pattern, browser.text(url))]


def mail_ids(browser, folder: str = "") -> list[int]:
    return ids(browser, f"/messagerie/{folder}", r"/messagerie/message/(\d+)")


def rule_ids(browser) -> list[int]:
    return ids(browser, "/messagerie/regles", r"/messagerie/regles/(\d+)/supprimer")


def entry_ids(browser) -> list[int]:
    return ids(browser, "/authentificateur/", r"/authentificateur/(\d+)/supprimer")


@pytest.fixture
def busy(browser_client, pigp):
    """The first trainee, with a mail, a filter rule and an authenticator entry."""
    assert pigp.login().location == "/pigp/code"
    browser_client.post("/messagerie/regles", {"sender_contains": "karbon", "folder": "spam"})
    browser_client.post("/authentificateur/cle", {"issuer": "BNUM (simulation)", "secret": SECRET})
    assert len(mail_ids(browser_client)) == 1
    assert len(rule_ids(browser_client)) == 1
    assert len(entry_ids(browser_client)) == 1
    return browser_client


def test_two_trainees_have_two_sandboxes(busy, other_browser):
    mine, theirs = busy.state(), other_browser.state()
    assert mine["id"] != theirs["id"]
    assert other_browser.state()["id"] == theirs["id"]


def test_other_trainee_cannot_open_my_mail(busy, other_browser):
    [mail] = mail_ids(busy)
    response = other_browser.get(f"/messagerie/message/{mail}")
    assert response.status_code == 404
    assert "autre bac à sable" in response.get_data(as_text=True)
    assert busy.get(f"/messagerie/message/{mail}").status_code == 200


def test_other_trainee_sees_none_of_my_messages(busy, other_browser):
    busy_subject = "PIGP - Votre code de connexion"
    for folder in ("", "spam"):
        page = other_browser.text(f"/messagerie/{folder}")
        assert "/messagerie/message/" not in page
        assert busy_subject not in page
        assert busy.state()["person"]["email"] not in page
    assert "sb-count" not in other_browser.text("/messagerie/")


def test_other_trainee_cannot_delete_my_rule(busy, other_browser):
    [rule] = rule_ids(busy)
    assert other_browser.post(f"/messagerie/regles/{rule}/supprimer").status_code == 404
    assert rule_ids(busy) == [rule]
    assert rule_ids(other_browser) == []
    assert "karbon" not in other_browser.text("/messagerie/regles")


def test_other_trainee_cannot_delete_my_authenticator_entry(busy, other_browser):
    [entry] = entry_ids(busy)
    assert other_browser.post(f"/authentificateur/{entry}/supprimer").status_code == 404
    assert entry_ids(busy) == [entry]
    page = other_browser.text("/authentificateur/")
    assert entry_ids(other_browser) == []
    assert "BNUM (simulation)" not in page


def test_my_rule_does_not_filter_the_other_trainees_mail(busy, other_browser):
    busy.post("/messagerie/regles", {"sender_contains": "dgfip", "folder": "spam"})
    assert Pigp.of(other_browser).login().location == "/pigp/code"
    assert len(mail_ids(other_browser)) == 1
    assert mail_ids(other_browser, "spam") == []


def test_my_clock_and_faults_stay_mine(busy, other_browser, wall):
    busy.post("/horloge/avancer/6mois")
    busy.post("/incidents/", {"phone_lost": "y", "mail_to_spam": "y", "mail_delay_minutes": "0"})
    assert datetime.fromisoformat(other_browser.state()["now"]) == wall.now()
    assert "checked" not in other_browser.text("/incidents/")
    other_browser.post("/authentificateur/cle", {"issuer": "Autre", "secret": SECRET})
    assert re.findall(r'data-code="(\d{6})"', other_browser.text("/authentificateur/")) == [
        totp.code_at(SECRET, wall.now())
    ]


def test_my_reset_leaves_the_other_trainee_alone(busy, other_browser):
    assert Pigp.of(other_browser).login().location == "/pigp/code"
    other_browser.post("/authentificateur/cle", {"issuer": "Autre", "secret": SECRET})
    busy.post("/recommencer")
    assert mail_ids(busy) == []
    assert len(mail_ids(other_browser)) == 1
    assert len(entry_ids(other_browser)) == 1


def test_qr_codes_shown_to_me_cannot_be_scanned_by_the_other(busy, other_browser):
    uri = totp.provisioning_uri(SECRET, "jmartin", totp.sandbox_issuer("Karbon"))
    busy.client.post(
        "/_sim/settings",
        json={
            "qr_shown": [{"uri": uri, "issuer": "Karbon (simulation)", "account_name": "jmartin"}]
        },
    )
    assert 'data-testid="scan-qr"' not in other_browser.text("/authentificateur/")
    assert other_browser.post("/authentificateur/scanner/0").status_code == 400
    assert entry_ids(other_browser) == []
