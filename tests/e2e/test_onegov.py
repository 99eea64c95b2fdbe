"""OneGov GED clicked through as a trainee would: phone viewport, mailbox, authenticator."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from walkthroughs.browser import CONTEXT_ARGS

from .trainee import Trainee

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NEW = "Seance-Conseil-2026"
RESET_MAIL = "OneGov GED : réinitialisation de votre mot de passe"


def onegov_cookie(context) -> dict:
    return next(c for c in context.cookies() if c["name"] == "session_onegov")


def test_rester_connecte_on_a_phone(browser, base_url):
    context = browser.new_context(**{**CONTEXT_ARGS, "viewport": PHONE}, base_url=base_url)
    page = context.new_page()
    trainee = Trainee.starting(page)
    onegov = trainee.onegov()
    onegov.log_in(*trainee.account("onegov"), remember=True)
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    assert onegov_cookie(context)["expires"] > 0  # persistent: survives closing the browser
    onegov.my_portal()
    expect(page.get_by_test_id("session-kind")).to_contain_text("Rester connecté")
    expect(onegov.twofa_switch()).to_be_visible()
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # no sideways scrolling
    page.goto("/onegov/connexion")
    expect(page).to_have_url(re.compile(r"/onegov/seances$"))
    context.close()


def test_without_rester_connecte_the_cookie_is_a_session_cookie(trainee, page):
    trainee.onegov().log_in(*trainee.account("onegov"))
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    assert onegov_cookie(page.context)["expires"] == -1


def test_forgotten_password_through_the_mailbox(trainee, page):
    username, _ = trainee.account("onegov")
    page.goto("/onegov/connexion")
    trainee.follow("Mot de passe oublié ?")
    trainee.fill("Identifiant ou adresse e-mail", username)
    trainee.press("Envoyer le lien")
    expect(page.get_by_test_id("forgotten-sent")).to_be_visible()
    mailbox = trainee.open_mail(trainee.new_tab(), RESET_MAIL)
    link = mailbox.get_by_role("link", name="Définir un nouveau mot de passe")
    href = link.get_attribute("href")
    link.click()  # the link opens where the mail was read
    page.close()
    onegov = trainee.onegov(mailbox)
    onegov.fill("Nouveau mot de passe", "court1")
    onegov.fill("Confirmation du mot de passe", "court1")
    onegov.press("Enregistrer le mot de passe")
    expect(mailbox.locator(".field-error")).to_contain_text("au moins 12 caractères")
    onegov.fill("Nouveau mot de passe", NEW)
    onegov.fill("Confirmation du mot de passe", NEW)
    onegov.press("Enregistrer le mot de passe")
    expect(mailbox.get_by_text("Votre mot de passe a été modifié")).to_be_visible()
    mailbox.goto(href)
    expect(mailbox.get_by_test_id("reset-refused")).to_contain_text("déjà servi")
    onegov.log_in(username, NEW)
    expect(mailbox.get_by_test_id("meetings-title")).to_be_visible()


def test_activate_2fa_then_log_in_with_it(trainee, page):
    account = trainee.account("onegov")
    onegov = trainee.onegov()
    onegov.log_in(*account)
    onegov.my_portal()
    onegov.twofa_switch().click()
    expect(page.get_by_test_id("qr-code")).to_be_visible()
    authenticator = trainee.scan_qr(trainee.new_tab())
    code = trainee.authenticator_code(authenticator)
    page.bring_to_front()
    onegov.fill("Code de confirmation", code)
    onegov.press("Vérifier et activer")
    expect(
        page.get_by_text("L'authentification à 2 facteurs est maintenant liée à votre compte")
    ).to_be_visible()
    expect(onegov.twofa_switch()).to_have_attribute("aria-checked", "true")
    onegov.log_out()
    trainee.wait(30)
    onegov.log_in(*account)
    expect(page).to_have_url(re.compile(r"/onegov/connexion/code$"))
    onegov.enter_code(trainee.authenticator_code(authenticator))
    expect(page.get_by_test_id("meetings-title")).to_be_visible()
    page.goto("/onegov/portail")
    first_row = page.get_by_test_id("login-row").first
    expect(first_row).to_contain_text("Réussie")
    expect(first_row).to_contain_text("Oui")
    expect(first_row).to_contain_text("Chrome sur Linux")


def test_forbidding_policy_greys_the_switch_out(trainee, page):
    account = trainee.account("onegov")
    page.goto("/onegov/organisation")
    page.get_by_label("Authentification à deux facteurs dans l'organisation").select_option(
        "forbidden"
    )
    trainee.press("Enregistrer")
    expect(page.get_by_test_id("policy-effective")).to_have_text(re.compile("Interdite"))
    onegov = trainee.onegov()
    onegov.log_in(*account)
    page.goto("/onegov/portail")
    switch = onegov.twofa_switch()
    expect(switch).to_have_attribute("aria-disabled", "true")
    expect(switch).to_be_disabled()
    switch.click(force=True)  # a trainee taps it anyway: nothing happens
    expect(page).to_have_url(re.compile(r"/onegov/portail$"))
    expect(page.get_by_test_id("policy-forbidden")).to_contain_text(
        "personne responsable de votre système"
    )
