"""Karbon clicked through as a trainee would: the invitation in the mailbox, the sandbox
authenticator in another tab, the recovery codes copied, downloaded and printed, a login
with a code, a login with a recovery code, and the accountant's reset."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "Ardoise-Verger-2026"


def open_sandbox(page) -> dict:
    page.goto("/")
    return page.request.get("/_sim/sandbox.json").json()["accounts"]["karbon"]


def next_wall_step(page) -> None:
    """Codes already used are refused: let the frozen wall clock reach the next 30 s step."""
    page.request.post("/_sim/wall-clock", data={"advance_seconds": 30})


def read_code(app_page) -> str:
    app_page.goto("/authentificateur/")
    return app_page.get_by_test_id("otp-code").last.get_attribute("data-code")


def accept_invitation(page):
    page.goto("/karbon/")
    page.get_by_test_id("send-invitation").click()
    expect(page.locator(".flash-success")).to_contain_text("invitation")
    mailbox = page.context.new_page()
    mailbox.goto("/messagerie/")
    mailbox.get_by_test_id("mail-item").first.click()
    expect(mailbox.get_by_test_id("mail-subject")).to_contain_text("vous invite sur son portail client")
    mailbox.get_by_test_id("mail-link").click()
    expect(mailbox).to_have_url(re.compile(r"/karbon/activation$"))
    return mailbox


def enrol(page) -> tuple:
    """Invitation, password, QR code, first code, codes saved; returns (portal tab, app tab, codes)."""
    portal = accept_invitation(page)
    portal.fill("#new-password", PASSWORD)
    portal.fill("#confirm-password", PASSWORD)
    portal.click("#activate")
    expect(portal.get_by_test_id("qr-code")).to_be_visible()
    app = page.context.new_page()
    app.goto("/authentificateur/")
    app.get_by_test_id("scan-qr").first.click()
    expect(app.get_by_test_id("otp-entry")).to_contain_text("Portail client Karbon (simulation)")
    portal.bring_to_front()
    portal.fill("#code", read_code(app))
    portal.click("#verify")
    codes = portal.get_by_test_id("recovery-code").all_inner_texts()
    portal.check("#saved")
    portal.click("#continue")
    expect(portal.get_by_test_id("welcome")).to_be_visible()
    return portal, app, codes


def log_in(page, account):
    page.goto("/karbon/connexion")
    page.fill("#username", account["username"])
    page.fill("#password", PASSWORD)
    page.click("#submit")


def test_set_up_with_the_qr_code_and_keep_the_recovery_codes(page):
    open_sandbox(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    portal = accept_invitation(page)
    portal.fill("#new-password", "court1")
    portal.fill("#confirm-password", "court1")
    portal.click("#activate")
    expect(portal.locator(".field-error")).to_contain_text("au moins 12 caractères")
    portal.fill("#new-password", PASSWORD)
    portal.fill("#confirm-password", PASSWORD)
    portal.click("#activate")
    for app_name in ("Google Authenticator", "Okta Verify", "Microsoft Authenticator", "Authy"):
        expect(portal.get_by_test_id("recommended-apps")).to_contain_text(app_name)
    portal.get_by_text("Impossible de scanner ?").click()
    expect(portal.get_by_test_id("secret-key")).to_be_visible()

    app = page.context.new_page()
    app.goto("/authentificateur/")
    app.get_by_test_id("scan-qr").first.click()
    portal.bring_to_front()
    portal.fill("#code", "12345")
    portal.click("#verify")
    expect(portal.locator(".field-error")).to_contain_text("6 chiffres")
    portal.fill("#code", read_code(app))
    portal.click("#verify")

    expect(portal).to_have_url(re.compile(r"/karbon/codes-de-recuperation$"))
    codes = portal.get_by_test_id("recovery-code").all_inner_texts()
    assert len(codes) == 10
    portal.get_by_test_id("copy-codes").click()
    expect(portal.get_by_test_id("copy-status")).to_have_text("Codes copiés dans le presse-papiers.")
    assert portal.evaluate("navigator.clipboard.readText()").split("\n") == codes
    with portal.expect_download() as download:
        portal.get_by_test_id("download-codes").click()
    assert download.value.suggested_filename == "codes-recuperation-karbon.txt"
    text = open(download.value.path(), encoding="utf-8").read()
    assert all(code in text for code in codes)
    portal.evaluate("window.print = () => { document.body.dataset.printed = 'oui'; }")
    portal.get_by_test_id("print-codes").click()
    expect(portal.locator("body")).to_have_attribute("data-printed", "oui")
    portal.emulate_media(media="print")
    expect(portal.locator(".sandbox-bar")).to_be_hidden()
    expect(portal.get_by_test_id("continue")).to_be_hidden()
    expect(portal.get_by_test_id("recovery-codes")).to_be_visible()
    portal.emulate_media(media="screen")

    portal.click("#continue")
    expect(portal.locator(".field-error")).to_contain_text("Cochez la case")
    portal.check("#saved")
    portal.click("#continue")
    expect(portal.locator(".flash-success")).to_contain_text("est activée sur votre compte")
    expect(portal.get_by_test_id("codes-left")).to_have_text("10")


def test_log_in_with_the_authenticator_code(page):
    account = open_sandbox(page)
    portal, app, _codes = enrol(page)
    portal.get_by_test_id("logout").click()
    log_in(portal, account)
    expect(portal).to_have_url(re.compile(r"/karbon/verification$"))
    used = read_code(app)
    portal.bring_to_front()
    portal.fill("#code", used)
    portal.click("#verify")
    expect(portal.locator(".field-error")).to_contain_text("déjà été utilisé")
    next_wall_step(page)
    portal.fill("#code", read_code(app))
    portal.click("#verify")
    expect(portal.get_by_test_id("welcome")).to_be_visible()
    expect(portal.get_by_test_id("history")).to_contain_text("code de l'application")


def test_lost_phone_log_in_with_a_recovery_code(page):
    account = open_sandbox(page)
    portal, _app, codes = enrol(page)
    portal.get_by_test_id("logout").click()
    log_in(portal, account)
    portal.get_by_test_id("use-recovery").click()
    portal.fill("#recovery-code", codes[0])
    portal.click("#verify-recovery")
    expect(portal.locator(".flash-success")).to_contain_text("Il vous en reste 9")
    expect(portal.get_by_test_id("codes-left")).to_have_text("9")
    portal.get_by_test_id("logout").click()
    log_in(portal, account)
    portal.get_by_test_id("use-recovery").click()
    portal.fill("#recovery-code", codes[0])
    portal.click("#verify-recovery")
    expect(portal.locator(".field-error")).to_contain_text("incorrect ou déjà utilisé")
    portal.fill("#recovery-code", codes[1])
    portal.click("#verify-recovery")
    expect(portal.get_by_test_id("codes-left")).to_have_text("8")


def test_accountant_reset_then_a_new_set_up(page):
    account = open_sandbox(page)
    portal, app, codes = enrol(page)
    portal.get_by_test_id("logout").click()
    cabinet = page.context.new_page()
    cabinet.goto("/karbon-cabinet/")
    expect(cabinet.get_by_test_id("client-2fa")).to_contain_text("Activée")
    cabinet.get_by_test_id("reset-2fa").click()
    cabinet.get_by_test_id("confirm-reset").click()
    expect(cabinet.get_by_test_id("client-2fa")).to_contain_text("Réinitialisée")

    log_in(portal, account)
    expect(portal).to_have_url(re.compile(r"/karbon/configuration-2fa$"))
    expect(portal.locator(".flash-info")).to_contain_text("réinitialisé votre 2FA")
    next_wall_step(page)
    old_code = read_code(app)  # the old entry still shows codes, for a secret now void
    portal.bring_to_front()
    portal.fill("#code", old_code)
    portal.click("#verify")
    expect(portal.locator(".field-error")).to_contain_text("Code incorrect")

    app.bring_to_front()
    app.get_by_test_id("otp-entry").first.get_by_role("button", name="Retirer").click()
    app.get_by_test_id("scan-qr").first.click()
    expect(app.get_by_test_id("otp-entry")).to_have_count(1)
    portal.bring_to_front()
    portal.fill("#code", read_code(app))
    portal.click("#verify")
    new_codes = portal.get_by_test_id("recovery-code").all_inner_texts()
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    portal.check("#saved")
    portal.click("#continue")
    expect(portal.get_by_test_id("codes-left")).to_have_text("10")
