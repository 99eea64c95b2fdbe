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


def fresh_code(page, phone) -> str:
    """Move the frozen wall clock one step, as waiting 30 s would, and read the app again."""
    page.request.post("/_sim/wall-clock", data={"advance_seconds": 30})
    phone.reload()
    return phone.locator("[data-testid=otp-code]").first.get_attribute("data-code")


def log_in(page, creds) -> None:
    page.fill("#username", creds["username"])
    page.fill("#password", creds["password"])
    page.click("#submit")


@pytest.mark.browser
def test_a_new_agent_reaches_the_piag_then_logs_in_again_with_a_code(page, context):
    page.goto("/")
    creds = page.request.get("/_sim/sandbox.json").json()["accounts"]["cerbere"]

    page.goto("/piag/")
    page.click("#cerbere-login")
    log_in(page, creds)
    expect(page.get_by_test_id("refusal-title")).to_have_text(REFUSAL_1)
    page.get_by_test_id("cerbere-account-link").click()
    page.click("#add-method")
    expect(page.get_by_test_id("bnum-prerequisite")).to_be_visible()

    page.get_by_test_id("bnum-prerequisite-link").click()
    log_in(page, creds)
    expect(page).to_have_url(re.compile(r"/bnum/securite$"))
    qr = page.get_by_test_id("qr-code")
    scanned = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())).convert("RGB"))[0].text
    assert scanned == qr.get_attribute("data-otpauth")  # what a real phone would read

    phone = context.new_page()
    phone.goto("/authentificateur/")
    phone.get_by_test_id("scan-qr").click()
    expect(phone.get_by_test_id("otp-entry")).to_contain_text("BNUM (simulation)")
    page.fill("#code", phone.get_by_test_id("otp-code").get_attribute("data-code"))
    page.click("#activate")
    expect(page.get_by_test_id("bnum-2fa-success")).to_be_visible()

    page.get_by_test_id("bnum-to-cerbere").click()
    page.click("#add-method")
    page.fill("#code", fresh_code(page, phone))
    page.click("#submit")
    expect(page.get_by_test_id("otp-mel-success")).to_have_text(SUCCESS)
    page.get_by_test_id("back-to-piag").click()
    expect(page.get_by_test_id("piag-connected")).to_be_visible()

    page.goto("/cerbere/compte")
    page.get_by_test_id("cerbere-logout").click()
    page.goto("/piag/")
    expect(page.get_by_test_id("piag-anonymous")).to_be_visible()  # Cerbère's logout ended it

    page.click("#cerbere-login")
    log_in(page, creds)
    expect(page).to_have_url(re.compile(r"/cerbere/login/code$"))
    page.fill("#code", fresh_code(page, phone))
    page.click("#submit")
    expect(page.get_by_test_id("piag-connected")).to_be_visible()
    page.get_by_test_id("piag-logout").click()
    expect(page.get_by_test_id("piag-logged-out")).to_be_visible()


@pytest.mark.browser
def test_a_foreign_return_address_is_refused_in_the_browser(page):
    page.goto("/")
    page.goto("/cerbere/login?service=https://evil.test/")
    expect(page.get_by_test_id("bad-service")).to_contain_text("Service non autorisé")
    assert urlsplit(page.url).hostname == "127.0.0.1"  # still on the simulator
