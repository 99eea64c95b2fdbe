"""PIGP clicked through in Chromium, as a trainee would, with the mailbox in a second tab."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_sandbox(page):
    page.goto("/")
    username = page.get_by_test_id("username-pigp").inner_text()
    password = page.get_by_test_id("password-pigp").inner_text()
    return username, password


def log_in(page, username, password):
    page.goto("/pigp/connexion")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")


def read_code_in(mailbox, folder="inbox"):
    mailbox.goto("/messagerie/" if folder == "inbox" else f"/messagerie/{folder}")
    mailbox.get_by_test_id("mail-item").first.click()
    body = mailbox.get_by_test_id("mail-body").inner_text()
    return re.search(r"\b(\d{6})\b", body).group(1)


def test_first_login_in_two_tabs_installs_a_six_month_cookie(page, context):
    username, password = open_sandbox(page)
    log_in(page, username, password)
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
    mailbox = context.new_page()
    code = read_code_in(mailbox)
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#code-submit")
    expect(page.get_by_test_id("pigp-welcome")).to_be_visible()
    cookie = next(c for c in context.cookies() if c["name"] == "pigp_poste_confiance")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/pigp"
    days_left = (cookie["expires"] - time.time()) / 86400
    assert 180 < days_left <= 183

    page.click("#logout")
    log_in(page, username, password)
    expect(page).to_have_url(re.compile(r"/pigp/accueil$"))
    expect(page.get_by_text("Poste de confiance reconnu")).to_be_visible()

    page.goto("/pigp/poste-de-confiance")
    expect(page.get_by_test_id("trust-status")).to_have_attribute("data-state", "valid")
    page.get_by_test_id("plus-6-months").click()
    expect(page.get_by_test_id("trust-status")).to_have_attribute("data-state", "expired")


def test_leaving_the_code_page_in_the_same_tab_cancels_the_login(page, context):
    username, password = open_sandbox(page)
    log_in(page, username, password)
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
    code = read_code_in(page)  # the mailbox opened in the same tab: the PIGP page is left
    page.goto("/pigp/code")
    expect(page).to_have_url(re.compile(r"/pigp/connexion$"))
    expect(page.locator(".flash-error")).to_contain_text("quitté la page du code")
    assert not [c for c in context.cookies() if c["name"] == "pigp_poste_confiance"]
    assert len(code) == 6


def test_the_code_is_found_in_the_spam_folder(page, context):
    username, password = open_sandbox(page)
    page.goto("/incidents/")
    page.check("#mail_to_spam")
    page.get_by_test_id("save-faults").click()
    log_in(page, username, password)
    mailbox = context.new_page()
    mailbox.goto("/messagerie/")
    expect(mailbox.get_by_test_id("empty-folder")).to_be_visible()
    code = read_code_in(mailbox, "spam")
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#code-submit")
    expect(page.get_by_test_id("pigp-welcome")).to_be_visible()


def test_a_wrong_code_says_how_many_tries_are_left(page):
    username, password = open_sandbox(page)
    log_in(page, username, password)
    page.fill("#code", "12345")
    page.click("#code-submit")
    expect(page.locator("#code-error")).to_contain_text("6 chiffres")
    expect(page).to_have_url(re.compile(r"/pigp/code$"))


SEED_000_RESEND = ("Dans l'hypothèse où vous ne recevez pas le code dans les 30 minutes qui suivent, "
                   "vous pouvez en régénérer un nouveau.")


def test_the_resend_button_and_its_text_agree(page):
    """Seed 000's sentence, said to be advice, with the button available at once (issue 14)."""
    username, password = open_sandbox(page)
    log_in(page, username, password)
    resend = page.get_by_role("button", name="Générer un nouveau code")
    expect(resend).to_be_enabled()
    advice = page.get_by_test_id("resend-advice")
    expect(advice).to_contain_text(SEED_000_RESEND)
    expect(advice).to_contain_text("Ce délai est un conseil")
    expect(advice).to_contain_text("un nouveau code annule le précédent")
    assert resend.get_attribute("aria-describedby") == advice.get_attribute("id")
    expect(page.get_by_text("Vérifiez vos courriers indésirables et vos règles de filtrage.")).to_be_visible()
    resend.click()
    expect(page.locator(".flash-success")).to_contain_text("Un nouveau code vous a été envoyé")
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
