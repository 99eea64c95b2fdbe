"""The whole PIAG journey in Chromium, as a new agent lives it (issue 3, « Done when »):
the PIAG, the refusal, the BNUM prerequisite, the sandbox authenticator, OTP Mél, back to the
PIAG logged in; then the single logout and a later login with password then code."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

REFUSAL_1 = "Accès interdit, authentification trop faible (mot de passe < authentification 2 facteurs requis)."
SUCCESS = "Authentification 2 facteurs activée avec succès pour la méthode OTP Mél."


def fresh_code(trainee, phone) -> str:
    """Wait 30 s of sandbox time (the frozen wall clock moves), and read the app again."""
    trainee.wait(30)
    return trainee.authenticator_code(phone)


@pytest.mark.browser
def test_a_new_agent_reaches_the_piag_then_logs_in_again_with_a_code(trainee, page):
    username, password = trainee.account("cerbere")
    cerbere = trainee.cerbere()

    page.goto("/piag/")
    cerbere.follow("S'authentifier avec Cerbère")
    cerbere.log_in(username, password)
    expect(page.get_by_test_id("refusal-title")).to_have_text(REFUSAL_1)
    cerbere.follow(re.compile(r"^Mon compte \("))
    cerbere.press("Ajouter méthode")
    expect(page.get_by_test_id("bnum-prerequisite")).to_be_visible()

    cerbere.follow("Activer l'authentification à deux facteurs sur le BNUM")
    cerbere.log_in(username, password, "Se connecter")
    expect(page).to_have_url(re.compile(r"/bnum/securite$"))
    qr = page.get_by_test_id("qr-code")
    scanned = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())).convert("RGB"))[0].text
    assert scanned == qr.get_attribute("data-otpauth")  # what a real phone would read

    phone = trainee.scan_qr(trainee.new_tab())
    expect(phone.get_by_test_id("otp-entry")).to_contain_text("BNUM (simulation)")
    cerbere.enter_code(trainee.authenticator_code(phone), "Activer")
    expect(page.get_by_test_id("bnum-2fa-success")).to_be_visible()

    cerbere.follow("Aller sur Cerbère (Mon compte)")
    cerbere.press("Ajouter méthode")
    cerbere.enter_code(fresh_code(trainee, phone))
    expect(page.get_by_test_id("otp-mel-success")).to_have_text(SUCCESS)
    cerbere.follow("Retourner sur le PIAG")
    expect(page.get_by_test_id("piag-connected")).to_be_visible()

    page.goto("/cerbere/compte")
    cerbere.press("Se déconnecter")
    page.goto("/piag/")
    expect(page.get_by_test_id("piag-anonymous")).to_be_visible()  # Cerbère's logout ended it

    cerbere.follow("S'authentifier avec Cerbère")
    cerbere.log_in(username, password)
    expect(page).to_have_url(re.compile(r"/cerbere/login/code$"))
    cerbere.enter_code(fresh_code(trainee, phone))
    expect(page.get_by_test_id("piag-connected")).to_be_visible()
    cerbere.press("Se déconnecter")
    expect(page.get_by_test_id("piag-logged-out")).to_be_visible()


@pytest.mark.browser
def test_a_foreign_return_address_is_refused_in_the_browser(page):
    page.goto("/")
    page.goto("/cerbere/login?service=https://evil.test/")
    expect(page.get_by_test_id("bad-service")).to_contain_text("Service non autorisé")
    assert urlsplit(page.url).hostname == "127.0.0.1"  # still on the simulator
