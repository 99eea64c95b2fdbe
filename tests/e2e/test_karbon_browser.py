"""Karbon clicked through as a trainee would: the invitation in the mailbox, the sandbox
authenticator in another tab, the recovery codes copied, downloaded and printed, a login
with a code, a login with a recovery code, and the accountant's reset."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .trainee import KARBON_PASSWORD as PASSWORD
from .trainee import accept_invitation, enrol

pytestmark = pytest.mark.browser


def test_set_up_with_the_qr_code_and_keep_the_recovery_codes(trainee, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    portal = accept_invitation(trainee)
    tab = portal.page
    portal.activate("court1")
    expect(tab.locator(".field-error")).to_contain_text("au moins 12 caractères")
    portal.activate(PASSWORD)
    for app_name in ("Google Authenticator", "Okta Verify", "Microsoft Authenticator", "Authy"):
        expect(tab.get_by_test_id("recommended-apps")).to_contain_text(app_name)
    tab.get_by_text("Impossible de scanner ?").click()
    expect(tab.get_by_test_id("secret-key")).to_be_visible()

    app = trainee.scan_qr(trainee.new_tab())
    tab.bring_to_front()
    portal.enter_code("12345")
    expect(tab.locator(".field-error")).to_contain_text("6 chiffres")
    portal.enter_code(trainee.authenticator_code(app, -1))

    expect(tab).to_have_url(re.compile(r"/karbon/codes-de-recuperation$"))
    expect(tab.get_by_test_id("recovery-code")).to_have_count(10)
    codes = tab.get_by_test_id("recovery-code").all_inner_texts()
    portal.press("Copier")
    expect(tab.get_by_test_id("copy-status")).to_have_text("Codes copiés dans le presse-papiers.")
    assert tab.evaluate("navigator.clipboard.readText()").split("\n") == codes
    with tab.expect_download() as download:
        portal.follow("Télécharger (.txt)")
    assert download.value.suggested_filename == "codes-recuperation-karbon.txt"
    text = open(download.value.path(), encoding="utf-8").read()
    assert all(code in text for code in codes)
    tab.evaluate("window.print = () => { document.body.dataset.printed = 'oui'; }")
    portal.press("Imprimer")
    expect(tab.locator("body")).to_have_attribute("data-printed", "oui")
    tab.emulate_media(media="print")
    expect(tab.locator(".sandbox-bar")).to_be_hidden()
    expect(tab.get_by_test_id("continue")).to_be_hidden()  # a hidden button has no role to find
    expect(tab.get_by_test_id("recovery-codes")).to_be_visible()
    tab.emulate_media(media="screen")

    portal.press("Continuer")
    expect(tab.locator(".field-error")).to_contain_text("Cochez la case")
    portal.save_codes()
    expect(tab.locator(".flash-success")).to_contain_text("est activée sur votre compte")
    expect(tab.get_by_test_id("codes-left")).to_have_text("10")


def test_log_in_with_the_authenticator_code(trainee):
    username, _ = trainee.account("karbon")
    portal, app, _codes = enrol(trainee)
    tab = portal.page
    portal.log_out()
    portal.log_in(username, PASSWORD)
    expect(tab).to_have_url(re.compile(r"/karbon/verification$"))
    used = trainee.authenticator_code(app, -1)
    tab.bring_to_front()
    portal.enter_code(used)
    expect(tab.locator(".field-error")).to_contain_text("déjà été utilisé")
    trainee.wait(30)
    portal.enter_code(trainee.authenticator_code(app, -1))
    expect(tab.get_by_test_id("welcome")).to_be_visible()
    expect(tab.get_by_test_id("history")).to_contain_text("code de l'application")


def test_lost_phone_log_in_with_a_recovery_code(trainee):
    username, _ = trainee.account("karbon")
    portal, _app, codes = enrol(trainee)
    tab = portal.page
    portal.log_out()
    portal.log_in(username, PASSWORD)
    portal.use_recovery_code(codes[0])
    expect(tab.locator(".flash-success")).to_contain_text("Il vous en reste 9")
    expect(tab.get_by_test_id("codes-left")).to_have_text("9")
    portal.log_out()
    portal.log_in(username, PASSWORD)
    portal.use_recovery_code(codes[0])
    expect(tab.locator(".field-error")).to_contain_text("incorrect ou déjà utilisé")
    portal.enter_recovery_code(codes[1])
    expect(tab.get_by_test_id("codes-left")).to_have_text("8")


def test_accountant_reset_then_a_new_set_up(trainee):
    username, _ = trainee.account("karbon")
    portal, app, codes = enrol(trainee)
    tab = portal.page
    portal.log_out()
    cabinet = trainee.new_tab()
    cabinet.goto("/karbon-cabinet/")
    expect(cabinet.get_by_test_id("client-2fa")).to_contain_text("Activée")
    cabinet.get_by_role("link", name="Réinitialiser la 2FA").click()
    cabinet.get_by_role("button", name="Réinitialiser la 2FA").click()
    expect(cabinet.get_by_test_id("client-2fa")).to_contain_text("Réinitialisée")

    portal.log_in(username, PASSWORD)
    expect(tab).to_have_url(re.compile(r"/karbon/configuration-2fa$"))
    expect(tab.locator(".flash-info")).to_contain_text("réinitialisé votre 2FA")
    trainee.wait(30)
    old_code = trainee.authenticator_code(app, -1)  # the old entry still shows codes, now void
    tab.bring_to_front()
    portal.enter_code(old_code)
    expect(tab.locator(".field-error")).to_contain_text("Code incorrect")

    app.bring_to_front()
    app.get_by_role("button", name="Retirer Portail client Karbon (simulation)").click()
    app.get_by_role("button", name="Scanner").first.click()
    expect(app.get_by_test_id("otp-entry")).to_have_count(1)
    tab.bring_to_front()
    portal.enter_code(trainee.authenticator_code(app, -1))
    # read once the page shows them: all_inner_texts does not wait, and a busy CI once read
    # the page before the answer came (no codes at all)
    expect(tab.get_by_test_id("recovery-code")).to_have_count(10)
    new_codes = tab.get_by_test_id("recovery-code").all_inner_texts()
    assert not set(new_codes) & set(codes)
    portal.save_codes()
    expect(tab.get_by_test_id("codes-left")).to_have_text("10")
