"""A class in Chromium: the instructor creates it, three trainees join in three browsers,
each does a different exercise, and the instructor's table shows exactly that, live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import E2E_INSTRUCTOR_PASSWORD

from .trainee import Tab, Trainee, pigp_login_with_code

pytestmark = pytest.mark.browser

GUIDED_FIRST_LOGIN = (
    "Commencer : Première connexion au PIGP, avec la messagerie dans un deuxième onglet"
)


def start_incident(trainee: Trainee, exercise: str) -> None:
    """« Activer l'incident » in the exercise's row of « Mes exercices »."""
    trainee.page.goto("/progression")
    row = trainee.page.locator(f'tr[data-exercise="{exercise}"]')
    row.get_by_role("button", name="Activer l'incident").click()


def test_a_class_of_three(browser, base_url):
    teacher = Tab(browser.new_context(base_url=base_url, locale="fr-FR").new_page())
    teacher.page.goto("/formateur/")
    teacher.fill("Mot de passe formateur", E2E_INSTRUCTOR_PASSWORD)
    teacher.press("Entrer")
    teacher.fill("Nom de la séance", "Séance de démonstration")
    teacher.fill("Nombre de stagiaires", "3")
    teacher.press("Créer la séance")
    expect(teacher.page.get_by_test_id("class-progress")).to_be_visible()
    class_url = teacher.page.url
    roster = teacher.page.context.new_page()
    roster.goto(class_url + "/fiches")
    codes = roster.get_by_test_id("roster-passcode").all_inner_texts()
    assert len(codes) == 3

    trainees = []
    for code in codes:
        trainee = Trainee(browser.new_context(base_url=base_url, locale="fr-FR").new_page())
        trainee.page.goto("/rejoindre")
        trainee.fill("Code de la séance", code)
        trainee.press("Rejoindre")
        expect(trainee.page.get_by_test_id("home-greeting")).to_contain_text(
            "— Séance de démonstration"
        )
        trainees.append(trainee)

    pigp_login_with_code(trainees[0])
    start_incident(trainees[1], "pigp-code-indesirable")
    pigp_login_with_code(trainees[1], folder="Courrier indésirable")
    start_incident(trainees[2], "pigp-adresse-erronee")
    trainees[2].page.goto("/pigp/aide")

    expected = {0: "pigp-premiere-connexion", 1: "pigp-code-indesirable", 2: "pigp-adresse-erronee"}
    rows = teacher.page.locator("tr[data-sandbox]")
    for index, exercise in expected.items():
        # The table refreshes itself: no reload here.
        expect(rows.nth(index).locator(f'td[data-exercise="{exercise}"]')).to_have_attribute(
            "data-done", "1", timeout=15_000
        )
    assert (
        rows.nth(2)
        .locator('td[data-exercise="pigp-premiere-connexion"]')
        .get_attribute("data-done")
        == "0"
    )
    assert (
        rows.nth(0).locator('td[data-exercise="pigp-adresse-erronee"]').get_attribute("data-done")
        == "0"
    )
    trainees[0].page.goto("/progression")
    expect(trainees[0].page.get_by_test_id("status-pigp-premiere-connexion")).to_contain_text(
        "terminé"
    )


def test_guided_mode_highlights_the_element_the_walkthrough_names(trainee, page):
    username, password = trainee.account("pigp")
    trainee.follow("Pas à pas")
    trainee.press(GUIDED_FIRST_LOGIN)
    expect(page).to_have_url(re.compile(r"/pigp/connexion$"))
    expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 1/")
    expect(page.get_by_role("button", name="Connexion")).to_have_class(re.compile("sim-highlight"))
    pigp = trainee.pigp()
    pigp.fill("Identifiant", username)
    pigp.fill("Mot de passe", password)
    pigp.press("Connexion")
    expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 2/")
    # the element the caption names: the code field (issue 22), not the masked address
    expect(page.get_by_label("Code à 6 chiffres")).to_have_class(re.compile("sim-highlight"))
    # a reading step advances on « J'ai compris » only, never by itself
    page.get_by_test_id("guided-panel").get_by_role("button", name="J'ai compris").click()
    expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 3/")
    mailbox = trainee.new_tab()
    mailbox.goto("/messagerie/")
    expect(mailbox.get_by_test_id("mail-item").first).to_have_class(re.compile("sim-highlight"))
    guide_link = mailbox.get_by_test_id("guided-panel").get_by_role(
        "link", name=re.compile("guide")
    )
    assert guide_link.get_attribute("href").endswith(
        "#pigp-premiere-connexion--ouvrir-la-messagerie"
    )
