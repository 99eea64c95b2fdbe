"""A class in Chromium: the instructor creates it, three trainees join in three browsers,
each does a different exercise, and the instructor's table shows exactly that, live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import E2E_INSTRUCTOR_PASSWORD

pytestmark = pytest.mark.browser


def pigp_login_with_code(page, folder="inbox"):
    username = page.goto("/") and page.get_by_test_id("username-pigp").inner_text()
    password = page.get_by_test_id("password-pigp").inner_text()
    page.goto("/pigp/connexion")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    mailbox = page.context.new_page()
    mailbox.goto("/messagerie/" if folder == "inbox" else f"/messagerie/{folder}")
    mailbox.get_by_test_id("mail-item").first.click()
    code = re.search(r"\b(\d{6})\b", mailbox.get_by_test_id("mail-body").inner_text()).group(1)
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#code-submit")
    expect(page.get_by_test_id("pigp-welcome")).to_be_visible()


def test_a_class_of_three(browser, base_url):
    teacher = browser.new_context(base_url=base_url, locale="fr-FR").new_page()
    teacher.goto("/formateur/")
    teacher.fill("#instructor-password", E2E_INSTRUCTOR_PASSWORD)
    teacher.click("#instructor-login")
    teacher.fill("#class-name", "Séance de démonstration")
    teacher.fill("#class-size", "3")
    teacher.click("#class-create")
    expect(teacher.get_by_test_id("class-progress")).to_be_visible()
    class_url = teacher.url
    roster = teacher.context.new_page()
    roster.goto(class_url + "/fiches")
    codes = roster.get_by_test_id("roster-passcode").all_inner_texts()
    assert len(codes) == 3

    trainees = []
    for code in codes:
        page = browser.new_context(base_url=base_url, locale="fr-FR").new_page()
        page.goto("/rejoindre")
        page.fill("#passcode", code)
        page.click("#join-submit")
        expect(page.get_by_test_id("home-greeting")).to_contain_text("— Séance de démonstration")
        trainees.append(page)

    pigp_login_with_code(trainees[0])
    trainees[1].goto("/progression")
    trainees[1].locator('tr[data-exercise="pigp-code-indesirable"] button').click()
    pigp_login_with_code(trainees[1], folder="spam")
    trainees[2].goto("/progression")
    trainees[2].locator('tr[data-exercise="pigp-adresse-erronee"] button').click()
    trainees[2].goto("/pigp/aide")

    expected = {0: "pigp-premiere-connexion", 1: "pigp-code-indesirable", 2: "pigp-adresse-erronee"}
    rows = teacher.locator("tr[data-sandbox]")
    for index, exercise in expected.items():
        # The table refreshes itself: no reload here.
        expect(rows.nth(index).locator(f'td[data-exercise="{exercise}"]')).to_have_attribute("data-done", "1", timeout=15_000)
    assert rows.nth(2).locator('td[data-exercise="pigp-premiere-connexion"]').get_attribute("data-done") == "0"
    assert rows.nth(0).locator('td[data-exercise="pigp-adresse-erronee"]').get_attribute("data-done") == "0"
    trainees[0].goto("/progression")
    expect(trainees[0].get_by_test_id("status-pigp-premiere-connexion")).to_contain_text("terminé")


def test_guided_mode_highlights_the_element_the_walkthrough_names(page):
    page.goto("/")
    username = page.get_by_test_id("username-pigp").inner_text()
    password = page.get_by_test_id("password-pigp").inner_text()
    page.get_by_test_id("bar-guided").click()
    page.get_by_test_id("guided-start-pigp-premiere-connexion").click()
    expect(page).to_have_url(re.compile(r"/pigp/connexion$"))
    expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 1/")
    expect(page.locator("#login-submit")).to_have_class(re.compile("sim-highlight"))
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 2/")
    expect(page.get_by_test_id("masked-address")).to_have_class(re.compile("sim-highlight"))
    mailbox = page.context.new_page()
    mailbox.goto("/messagerie/")
    expect(mailbox.get_by_test_id("mail-item").first).to_have_class(re.compile("sim-highlight"))
    guide_link = mailbox.get_by_test_id("guided-panel").get_by_role("link", name=re.compile("guide"))
    assert guide_link.get_attribute("href").endswith("#pigp-premiere-connexion--ouvrir-la-messagerie")
