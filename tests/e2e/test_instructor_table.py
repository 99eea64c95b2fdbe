"""The instructor's live table read as a trainer would, for a full room: 30 trainees and
every exercise on a 1280 px screen, without a legend (issue 14)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from simulator.services import exercises
from tests.conftest import E2E_INSTRUCTOR_PASSWORD
from tests.e2e.trainee import Trainee, pigp_login_with_code

pytestmark = pytest.mark.browser


def test_every_exercise_has_a_short_column_name():
    from simulator.instructor.columns import SHORT_TITLES

    assert set(SHORT_TITLES) == set(exercises.BY_KEY)
    assert all(len(portal + " " + short) <= 26 for portal, short in SHORT_TITLES.values())


def test_thirty_trainees_by_twelve_exercises_read_without_a_legend(browser, base_url):
    context = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": 1280, "height": 800}
    )
    teacher = context.new_page()
    teacher.goto("/formateur/")
    # (ids: these labels do not point at their inputs yet — the accessibility work fixes them)
    teacher.fill("#instructor-password", E2E_INSTRUCTOR_PASSWORD)
    teacher.get_by_role("button", name="Entrer").click()
    teacher.fill("#class-name", "Accueil du 2 décembre")
    teacher.fill("#class-size", "30")
    teacher.get_by_role("button", name="Créer la séance").click()
    table = teacher.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(31)

    # Each column is named by its exercise: short on screen, in full for a screen reader.
    for exercise in exercises.CATALOGUE:
        header = table.get_by_role("columnheader", name=exercise.title, exact=True)
        expect(header).to_be_visible()
        shown = header.locator('[aria-hidden="true"]').inner_text()  # what the eye reads
        assert 0 < len(shown) < len(exercise.title)
        assert header.get_attribute("title") == exercise.title
    assert not teacher.get_by_text("1. Première connexion").count()

    # Not done reads « à faire » with its symbol; done turns to « fait », live.
    first = table.get_by_role("row").nth(1)
    cell = first.locator('td[data-exercise="pigp-premiere-connexion"]')
    expect(cell).to_have_text("○ à faire")
    passcode = first.get_by_role("rowheader").inner_text().split("·")[-1].strip()
    trainee = browser.new_context(base_url=base_url, locale="fr-FR").new_page()
    trainee.goto("/rejoindre")
    trainee.get_by_label("Code de la séance").fill(passcode)
    trainee.get_by_role("button", name="Rejoindre").click()
    pigp_login_with_code(Trainee(trainee))  # joined the class: its sandbox is open
    expect(cell).to_have_text("✓ fait", timeout=15_000)

    # The page itself never scrolls sideways; the table scrolls inside its own box, and the
    # trainees' column stays in view.
    assert teacher.evaluate("document.documentElement.scrollWidth") <= 1280
    scroller = teacher.get_by_role("region", name="Progression des stagiaires")
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    box, name = scroller.bounding_box(), first.get_by_role("rowheader").bounding_box()
    assert name["x"] >= box["x"] - 1 and name["x"] + name["width"] <= box["x"] + box["width"]
    context.close()
    trainee.context.close()
