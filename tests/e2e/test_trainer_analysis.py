"""The trainer's new pages clicked through (issue 24): a trainee who types the password in
the code field reads which mistake it was; the live table marks them « bloqué » after three
mistakes, and one key press turns guided mode on for them; the analysis and the timeline pass
axe and are used with the keyboard alone. Screenshots at 1280×800 and 390×844 go to
$I24_SHOTS when it is set (to look at them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import E2E_INSTRUCTOR_PASSWORD
from tests.e2e.trainee import Trainee

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("I24_SHOTS")


def _shoot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def _no_violations(axe, page) -> None:
    found = axe.findings(page, page.url)
    assert not found, "\n".join(f"{f.rule}: {f.target} {f.help}" for f in found)


def test_a_stuck_trainee_seen_live_and_helped_with_the_keyboard(browser, base_url, axe):
    teacher = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": 1280, "height": 800}
    ).new_page()
    teacher.goto("/formateur/")
    teacher.get_by_label("Mot de passe formateur").fill(E2E_INSTRUCTOR_PASSWORD)
    teacher.get_by_role("button", name="Entrer").click()
    teacher.get_by_label("Nom de la séance").fill("Analyse du 4 décembre")
    teacher.get_by_label("Nombre de stagiaires").fill("2")
    teacher.get_by_role("button", name="Créer la séance").click()
    table = teacher.get_by_role("table")
    first = table.get_by_role("row").nth(1)
    passcode = first.get_by_role("rowheader").inner_text().split("·")[-1].strip()

    trainee = Trainee(browser.new_context(base_url=base_url, locale="fr-FR").new_page())
    trainee.page.goto("/rejoindre")
    trainee.fill("Code de la séance", passcode)
    trainee.press("Rejoindre")
    username, password = trainee.account("pigp")
    pigp = trainee.pigp()
    pigp.log_in(username, password)
    for _ in range(3):
        # each attempt's answer waited for: typed into the page still on screen, the next
        # attempt was sent empty by the page that replaced it (« Saisissez le code… »)
        with trainee.page.expect_navigation():
            pigp.enter_code(password)
        expect(trainee.page.get_by_role("alert")).to_contain_text(
            "Vous avez saisi votre mot de passe"
        )

    # Live: the mark appears without reloading, with the last mistake.
    teacher.bring_to_front()  # a window in the background may have its timers slowed
    expect(first.get_by_text("bloqué", exact=True)).to_be_visible(timeout=15_000)
    expect(first).to_contain_text("3 erreurs de suite")
    expect(first).to_contain_text("dernière erreur : mot de passe dans le champ du code")
    _no_violations(axe, teacher)
    _shoot(teacher, "suivi-bloque")
    button = first.get_by_role("button", name="Activer le pas à pas")
    button.focus()
    teacher.keyboard.press("Enter")
    expect(teacher.locator(".flash-success")).to_contain_text("Mode pas à pas activé")

    # The analysis: funnel, mistakes and the threshold, with the keyboard.
    teacher.get_by_role("link", name="Analyse de la séance").click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("Analyse de la séance")
    expect(
        teacher.get_by_role("img", name=re.compile("Erreurs de la séance par type"))
    ).to_be_visible()
    expect(teacher.get_by_role("cell", name="3", exact=True).first).to_be_visible()
    _no_violations(axe, teacher)
    _shoot(teacher, "analyse")
    field = teacher.get_by_label("Minutes sur une même étape avant « bloqué »")
    field.focus()
    field.fill("8")
    teacher.keyboard.press("Enter")
    expect(teacher.locator(".flash-success")).to_contain_text("8 minutes")
    teacher.keyboard.press("Tab")  # the skip link comes first: the page starts at the top
    expect(teacher.locator(":focus")).to_be_visible()

    # One trainee's timeline.
    teacher.get_by_role("link", name="← Suivi de la séance").click()
    first.get_by_role("link", name="Stagiaire 1").click()
    teacher.get_by_role("link", name="Parcours de Stagiaire 1 (chronologie)").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Parcours de Stagiaire 1")
    expect(teacher.get_by_role("table")).to_contain_text("mot de passe dans le champ du code")
    _no_violations(axe, teacher)
    _shoot(teacher, "chronologie")
    teacher.context.close()
    trainee.context.close()
