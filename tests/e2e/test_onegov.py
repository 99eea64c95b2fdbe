"""OneGov GED clicked through as a trainee would: phone viewport, mailbox, authenticator."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from walkthroughs.browser import CONTEXT_ARGS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NEW = "Seance-Conseil-2026"


def open_sandbox(page) -> dict:
    page.goto("/")
    start = page.get_by_role("button", name="Commencer")
    if start.count():
        start.click()
        page.wait_for_url("**/")
    return page.request.get("/_sim/sandbox.json").json()["accounts"]["onegov"]


def log_in(page, account, *, password=None, remember=False):
    page.goto("/onegov/connexion")
    page.fill("#username", account["username"])
    page.fill("#password", password or account["password"])
    if remember:
        page.check("#remember")
    page.click("#login-submit")


def onegov_cookie(context) -> dict:
    return next(c for c in context.cookies() if c["name"] == "session_onegov")


def test_rester_connecte_on_a_phone(browser, base_url):
    context = browser.new_context(**{**CONTEXT_ARGS, "viewport": PHONE}, base_url=base_url)
    page = context.new_page()
    account = open_sandbox(page)
    log_in(page, account, remember=True)
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    assert onegov_cookie(context)["expires"] > 0  # persistent: survives closing the browser
    page.click("#user-menu")
    page.click("#menu-portal")
    expect(page.get_by_test_id("session-kind")).to_contain_text("Rester connecté")
    expect(page.locator("#twofa-switch")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    page.goto("/onegov/connexion")
    expect(page).to_have_url(re.compile(r"/onegov/seances$"))
    context.close()


def test_without_rester_connecte_the_cookie_is_a_session_cookie(page):
    account = open_sandbox(page)
    log_in(page, account)
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    assert onegov_cookie(page.context)["expires"] == -1


def test_forgotten_password_through_the_mailbox(page):
    account = open_sandbox(page)
    page.goto("/onegov/connexion")
    page.click("#forgotten")
    page.fill("#identifier", account["username"])
    page.click("#forgot-submit")
    expect(page.get_by_test_id("forgotten-sent")).to_be_visible()
    mailbox = page.context.new_page()
    mailbox.goto("/messagerie/")
    mailbox.get_by_test_id("mail-item").first.click()
    link = mailbox.get_by_test_id("mail-link").get_attribute("href")
    mailbox.get_by_test_id("mail-link").click()  # the link opens where the mail was read
    page.close()
    page = mailbox
    page.fill("#new", "court1")
    page.fill("#confirm", "court1")
    page.click("#reset-submit")
    expect(page.locator(".field-error")).to_contain_text("au moins 12 caractères")
    page.fill("#new", NEW)
    page.fill("#confirm", NEW)
    page.click("#reset-submit")
    expect(page.get_by_text("Votre mot de passe a été modifié")).to_be_visible()
    page.goto(link)
    expect(page.get_by_test_id("reset-refused")).to_contain_text("déjà servi")
    log_in(page, account, password=NEW)
    expect(page.get_by_test_id("meetings-title")).to_be_visible()


def read_code(authenticator) -> str:
    authenticator.goto("/authentificateur/")
    return authenticator.get_by_test_id("otp-code").first.get_attribute("data-code")


def test_activate_2fa_then_log_in_with_it(page):
    account = open_sandbox(page)
    log_in(page, account)
    page.click("#user-menu")
    page.click("#menu-portal")
    page.click("#twofa-switch")
    expect(page.get_by_test_id("qr-code")).to_be_visible()
    authenticator = page.context.new_page()
    authenticator.goto("/authentificateur/")
    authenticator.get_by_test_id("scan-qr").first.click()
    code = read_code(authenticator)
    page.bring_to_front()
    page.fill("#confirmation-code", code)
    page.click("#activate-submit")
    expect(page.get_by_text("L'authentification à 2 facteurs est maintenant liée à votre compte")).to_be_visible()
    expect(page.locator("#twofa-switch")).to_have_attribute("aria-checked", "true")
    page.click("#user-menu")
    page.click("#logout")
    page.request.post("/_sim/wall-clock", data={"advance_seconds": 30})
    log_in(page, account)
    expect(page).to_have_url(re.compile(r"/onegov/connexion/code$"))
    page.fill("#code", read_code(authenticator))
    page.click("#code-submit")
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    page.goto("/onegov/portail")
    first_row = page.get_by_test_id("login-row").first
    expect(first_row).to_contain_text("Réussie")
    expect(first_row).to_contain_text("Oui")
    expect(first_row).to_contain_text("Chrome sur Linux")


def test_forbidding_policy_greys_the_switch_out(page):
    account = open_sandbox(page)
    page.goto("/onegov/organisation")
    page.select_option("#policy", "forbidden")
    page.click("#policy-submit")
    expect(page.get_by_test_id("policy-effective")).to_have_text(re.compile("Interdite"))
    log_in(page, account)
    page.goto("/onegov/portail")
    switch = page.locator("#twofa-switch")
    expect(switch).to_have_attribute("aria-disabled", "true")
    expect(switch).to_be_disabled()
    switch.click(force=True)  # a trainee taps it anyway: nothing happens
    expect(page).to_have_url(re.compile(r"/onegov/portail$"))
    expect(page.get_by_test_id("policy-forbidden")).to_contain_text("personne responsable de votre système")
