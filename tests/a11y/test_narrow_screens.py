"""The screens that print a generated address or label, with the longest ones the generators
can produce, in a 320 px window (400 % zoom): no sideways scrolling, no axe violation. And the
shared error summary's links, big and far enough apart to be hit (WCAG 2.2 2.5.8)."""

from __future__ import annotations

import re

import pytest

from simulator.services.classes import MAX_TRAINEES
from tests.conftest import E2E_INSTRUCTOR_PASSWORD
from walkthroughs.audit import overflow_findings, report
from walkthroughs.browser import CONTEXT_ARGS

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}
# The longest class name the form takes (80 characters), one long word in it.
CLASS_NAME = (
    "Séance de sensibilisation à la double authentification — Direction-interministérielle"[:80]
)


def _audit(page, axe, where: str) -> None:
    findings = overflow_findings(page, where) + axe.findings(page, where)
    assert not findings, report(findings)


@pytest.fixture
def tab(browser, base_url):
    context = browser.new_context(**{**CONTEXT_ARGS, "viewport": NARROW}, base_url=base_url)
    yield context.new_page()
    context.close()


def test_eu_login_welcome_with_the_longest_address_at_320px(tab, axe, longest_persona):
    tab.goto("/")
    tab.get_by_role("button", name="Commencer").click()
    tab.wait_for_url("**/")
    email = longest_persona.email
    assert len(email) >= 40, email
    tab.goto("/eulogin/connexion")
    tab.get_by_label("Adresse électronique").fill(email)
    tab.get_by_role("button", name="Suivant").click()
    welcome = tab.get_by_test_id("welcome-email")
    assert welcome.inner_text().replace("\u200b", "") == email
    _audit(tab, axe, "EU Login, mot de passe")


def test_roster_with_the_longest_label_and_name_at_320px(tab, axe, longest_persona):
    tab.goto("/formateur/connexion")
    tab.get_by_label("Mot de passe formateur").fill(E2E_INSTRUCTOR_PASSWORD)
    tab.get_by_role("button", name="Entrer").click()
    tab.get_by_label("Nom de la séance").fill(CLASS_NAME)
    tab.get_by_label("Nombre de stagiaires").fill(str(MAX_TRAINEES))
    tab.get_by_role("button", name="Créer la séance").click()
    tab.wait_for_url(re.compile(r"/classes/\d+$"))
    _audit(tab, axe, "Suivi de la séance")
    tab.goto(tab.url + "/fiches")
    last = tab.get_by_test_id("roster-card").last
    assert last.get_by_role("heading").inner_text() == f"Stagiaire {MAX_TRAINEES}"
    assert longest_persona.full_name in last.inner_text()
    _audit(tab, axe, "Fiches à imprimer")


@pytest.mark.parametrize("viewport", [NARROW, {"width": 1280, "height": 800}])
def test_pigp_error_summary_links_are_targets_of_24px(tab, axe, viewport):
    tab.set_viewport_size(viewport)
    tab.goto("/")
    tab.get_by_role("button", name="Commencer").click()
    tab.wait_for_url("**/")
    tab.goto("/pigp/connexion")
    tab.get_by_role("button", name="Connexion").click()
    # the boxes once the page's styles apply: a click returns when the answer starts, and on
    # a busy CI the links were once measured unstyled (17 px)
    tab.wait_for_load_state("load")
    links = tab.get_by_test_id("error-summary").get_by_role("link")
    assert links.count() == 2
    boxes = [links.nth(i).bounding_box() for i in range(2)]
    assert all(box["height"] >= 24 for box in boxes), boxes
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"], boxes  # no overlap
    _audit(tab, axe, "PIGP, erreurs")
