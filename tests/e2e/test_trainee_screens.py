"""What a trainee stumbles on, clicked through by roles and French names (issue 14): the
Karbon lost-phone story without typing an address, a class trainee's first screen, and the
home and mailbox at phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from simulator.services import classes
from tests.e2e.trainee import KARBON_PASSWORD as PASSWORD
from tests.e2e.trainee import Trainee, enrol

pytestmark = pytest.mark.browser

LOST_PHONE = "Téléphone perdu : l'application d'authentification a tout oublié"


# Each measure waits for the page's « load »: a click returns once the answer starts, and a
# box measured before the stylesheet applies is the unstyled one (seen on a busy CI).


def no_sideways_scroll(page) -> None:
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def inside_viewport(page, locator) -> None:
    page.wait_for_load_state("load")
    box = locator.bounding_box()
    assert (
        box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    ), box


def not_clipped(locator) -> None:
    """The element's whole text is painted: nothing hidden behind an ellipsis or off its box."""
    locator.page.wait_for_load_state("load")
    assert locator.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), locator.inner_text()


def test_the_karbon_lost_phone_story_is_playable_by_clicking(page):
    page.goto("/")
    username = page.get_by_test_id("username-karbon").inner_text()
    karbon, app, _codes = enrol(Trainee(page))
    portal = karbon.page
    portal.get_by_role("button", name="Se déconnecter").click()

    # The phone is lost: the sandbox's incident switch.
    portal.get_by_role("link", name="Incidents").click()
    portal.get_by_label(LOST_PHONE).check()
    portal.get_by_role("button", name="Enregistrer").click()
    app.reload()
    expect(app.get_by_test_id("no-entries")).to_be_visible()

    # The client tries to log in and fails: no code to read any more.
    portal.get_by_role("link", name="Bac à sable", exact=True).click()
    karbon_card = portal.locator(".portal-card").filter(
        has=portal.get_by_role("heading", name="Portail client Karbon")
    )
    karbon_card.get_by_role("link", name="Ouvrir").click()
    portal.get_by_label("Nom d'utilisateur (adresse e-mail)").fill(username)
    portal.get_by_label("Mot de passe").fill(PASSWORD)
    portal.get_by_role("button", name="Se connecter").click()
    portal.get_by_label("Code à six chiffres").fill("000000")
    portal.get_by_role("button", name="Vérifier").click()
    expect(portal.locator(".field-error")).to_be_visible()

    # Under « Vous avez perdu votre téléphone ? », the way to the accountant's side.
    expect(portal.get_by_role("heading", name="Vous avez perdu votre téléphone ?")).to_be_visible()
    portal.get_by_role("link", name="Espace cabinet (comptable)").click()
    expect(portal).to_have_url(re.compile(r"/karbon-cabinet/$"))
    portal.get_by_role("link", name="Réinitialiser la 2FA").click()
    portal.get_by_role("button", name="Réinitialiser la 2FA").click()
    expect(portal.get_by_test_id("client-2fa")).to_contain_text("Réinitialisée")

    # Back to the client portal, set up again on the « new » phone.
    portal.get_by_role("link", name="Portail client →").click()
    portal.get_by_label("Nom d'utilisateur (adresse e-mail)").fill(username)
    portal.get_by_label("Mot de passe").fill(PASSWORD)
    portal.get_by_role("button", name="Se connecter").click()
    expect(portal.locator(".flash-info")).to_contain_text("réinitialisé votre 2FA")
    app.reload()
    app.get_by_role("button", name="Scanner").first.click()
    code = app.get_by_test_id("otp-code").first.get_attribute("data-code")
    portal.bring_to_front()
    portal.get_by_label("Code à six chiffres").fill(code)
    portal.get_by_role("button", name="Vérifier").click()
    portal.get_by_label("J'ai enregistré mes codes de récupération en lieu sûr").check()
    portal.get_by_role("button", name="Continuer").click()
    expect(portal.get_by_role("heading", name="Sécurité du compte")).to_be_visible()


def test_the_home_karbon_card_leads_to_the_accountant_side(page):
    page.goto("/")
    karbon_card = page.locator(".portal-card").filter(
        has=page.get_by_role("heading", name="Portail client Karbon")
    )
    karbon_card.get_by_role("link", name="Espace cabinet (comptable)").click()
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()


@pytest.fixture
def passcode(live_server) -> str:
    """A class « Accueil du 2 décembre » of two, made as the instructor's form would."""
    app = live_server.app
    with app.app_context(), app.extensions["sim.db"].session() as db:
        room = classes.create(
            db,
            "Accueil du 2 décembre",
            2,
            app.extensions["sim.wall_clock"].now(),
            "pbkdf2:sha256:1000",
        )
        code = classes.members(db, room)[0].passcode
    return code


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 800)])
def test_joining_a_class_lands_on_the_home_with_the_passwords_first(
    browser, base_url, passcode, width, height
):
    page = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": width, "height": height}
    ).new_page()
    page.goto("/rejoindre")
    page.get_by_label("Code de la séance").fill(passcode)
    page.get_by_role("button", name="Rejoindre").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stagiaire 1 — Accueil du 2 décembre")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0] == "Vos identifiants de formation"
    password = page.get_by_test_id("password-pigp")
    expect(password).to_be_in_viewport()
    inside_viewport(page, password)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Voir mes exercices et ma progression").click()
    expect(page.get_by_role("heading", name="Ma progression")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_home_credentials_fit_a_phone(browser, base_url, width):
    page = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": width, "height": 800}
    ).new_page()
    page.goto("/")
    page.get_by_role("button", name="Commencer").click()
    expect(page.get_by_test_id("username-pigp")).to_be_visible()
    page.wait_for_load_state()  # the home with its stylesheet, not the page still loading
    no_sideways_scroll(page)
    for portal in ("pigp", "cerbere", "karbon", "onegov", "eulogin"):
        for what in ("username", "password"):
            element = page.get_by_test_id(f"{what}-{portal}")
            element.scroll_into_view_if_needed()
            inside_viewport(page, element)
    page.context.close()


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_the_mailbox_shows_whole_subjects_and_senders(browser, base_url, width, height):
    page = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport={"width": width, "height": height}
    ).new_page()
    page.goto("/")
    page.get_by_role("button", name="Commencer").click()
    username = page.get_by_test_id("username-pigp").inner_text()
    password = page.get_by_test_id("password-pigp").inner_text()
    page.goto("/pigp/connexion")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    mailbox = page.context.new_page()
    mailbox.goto("/messagerie/")
    heading = mailbox.get_by_role("heading", level=1)
    not_clipped(heading)
    item = mailbox.get_by_role("link", name=re.compile("PIGP - Votre code de connexion"))
    for part in item.locator("span").all():
        not_clipped(part)
    expect(item).to_contain_text("ne-pas-repondre@dgfip.finances.gouv.fr")
    no_sideways_scroll(mailbox)
    item.click()
    not_clipped(mailbox.get_by_role("heading", name="PIGP - Votre code de connexion"))
    not_clipped(mailbox.get_by_test_id("mail-sender"))
    no_sideways_scroll(mailbox)
    page.context.close()
