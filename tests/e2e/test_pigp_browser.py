"""PIGP clicked through in Chromium, as a trainee would, with the mailbox in a second tab."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .trainee import Pigp

pytestmark = pytest.mark.browser

SPAM = "Les courriels des portails arrivent dans « Courrier indésirable »"


def test_first_login_in_two_tabs_installs_a_six_month_cookie(trainee, page, context):
    username, password = trainee.account("pigp")
    pigp = trainee.pigp()
    pigp.log_in(username, password)
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
    code = trainee.code_in_mail(trainee.new_tab(), Pigp.MAIL)
    page.bring_to_front()
    pigp.enter_code(code)
    expect(page.get_by_test_id("pigp-welcome")).to_be_visible()
    cookie = next(c for c in context.cookies() if c["name"] == "pigp_poste_confiance")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/pigp"
    days_left = (cookie["expires"] - time.time()) / 86400
    assert 180 < days_left <= 183

    pigp.press("Se déconnecter")
    pigp.log_in(username, password)
    expect(page).to_have_url(re.compile(r"/pigp/accueil$"))
    expect(page.get_by_text("Poste de confiance reconnu")).to_be_visible()

    page.goto("/pigp/poste-de-confiance")
    expect(page.get_by_test_id("trust-status")).to_have_attribute("data-state", "valid")
    pigp.press("+6 mois")
    expect(page.get_by_test_id("trust-status")).to_have_attribute("data-state", "expired")


def test_leaving_the_code_page_in_the_same_tab_cancels_the_login(trainee, page, context):
    username, password = trainee.account("pigp")
    trainee.pigp().log_in(username, password)
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
    # The trainee leaves a page they have seen: its script, which says « left » on pagehide,
    # has run (under load the URL changed before the script arrived, and nothing was said).
    page.wait_for_load_state()
    code = trainee.code_in_mail(page, Pigp.MAIL)  # the mailbox in the same tab: PIGP is left
    # The page said so by a beacon on pagehide, which a busy server may answer a moment after
    # the mailbox: ask the server (no page of its own, so no second pagehide) until it has.
    for _ in range(50):
        answer = context.request.get("/pigp/code", max_redirects=0)
        if answer.status == 302 and answer.headers["location"].endswith("/pigp/connexion"):
            break
        page.wait_for_timeout(200)
    page.goto("/pigp/code")
    expect(page).to_have_url(re.compile(r"/pigp/connexion$"))
    expect(page.locator(".flash-error")).to_contain_text("quitté la page du code")
    assert not [c for c in context.cookies() if c["name"] == "pigp_poste_confiance"]
    assert len(code) == 6


def test_the_code_is_found_in_the_spam_folder(trainee, page):
    username, password = trainee.account("pigp")
    trainee.switch_on(SPAM)
    pigp = trainee.pigp()
    pigp.log_in(username, password)
    mailbox = trainee.new_tab()
    mailbox.goto("/messagerie/")
    expect(mailbox.get_by_test_id("empty-folder")).to_be_visible()
    code = trainee.code_in_mail(mailbox, Pigp.MAIL, folder="Courrier indésirable")
    page.bring_to_front()
    pigp.enter_code(code)
    expect(page.get_by_test_id("pigp-welcome")).to_be_visible()


def test_a_wrong_code_says_how_many_tries_are_left(trainee, page):
    username, password = trainee.account("pigp")
    pigp = trainee.pigp()
    pigp.log_in(username, password)
    pigp.enter_code("12345")
    # The error is read with the field (its description): the field has no hint of its own.
    expect(page.get_by_label("Code à 6 chiffres")).to_have_accessible_description(
        re.compile("6 chiffres")
    )
    expect(page).to_have_url(re.compile(r"/pigp/code$"))


SEED_000_RESEND = (
    "Dans l'hypothèse où vous ne recevez pas le code dans les 30 minutes qui suivent, "
    "vous pouvez en régénérer un nouveau."
)


def test_the_resend_button_and_its_text_agree(trainee, page):
    """Seed 000's sentence, said to be advice, with the button available at once (issue 14)."""
    username, password = trainee.account("pigp")
    trainee.pigp().log_in(username, password)
    resend = page.get_by_role("button", name="Générer un nouveau code")
    expect(resend).to_be_enabled()
    advice = page.get_by_test_id("resend-advice")
    expect(advice).to_contain_text(SEED_000_RESEND)
    expect(advice).to_contain_text("Ce délai est un conseil")
    expect(advice).to_contain_text("un nouveau code annule le précédent")
    assert resend.get_attribute("aria-describedby") == advice.get_attribute("id")
    expect(
        page.get_by_text("Vérifiez vos courriers indésirables et vos règles de filtrage.")
    ).to_be_visible()
    resend.click()
    expect(page.locator(".flash-success")).to_contain_text("Un nouveau code vous a été envoyé")
    expect(page).to_have_url(re.compile(r"/pigp/code$"))


def test_arriving_on_the_code_page_puts_the_focus_on_its_heading(trainee, page):
    """Issue 22: by keyboard, /pigp/code started at the top (twelve Tabs through the sandbox
    bar). Now the page's heading in main has the focus, and the next Tab is the code field."""
    username, password = trainee.account("pigp")
    page.goto("/pigp/connexion")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page).to_have_url(re.compile(r"/pigp/code$"))
    heading = page.get_by_role("main").get_by_role("heading", level=1)
    expect(heading).to_be_focused()
    assert heading.evaluate("h => getComputedStyle(h).outlineStyle") == "none"
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == page.get_by_label(
            "Code à 6 chiffres"
        ).get_attribute("id"):
            break
    expect(page.get_by_label("Code à 6 chiffres")).to_be_focused()


def test_a_reloaded_page_keeps_the_focus_at_the_top(trainee, page):
    page.goto("/pigp/connexion")
    page.reload()
    assert page.evaluate("document.activeElement === document.body")
