"""Accessibility of the shared layout and of the forms (RGAA 4.1 / WCAG 2.2 AA), read from the
HTML a screen reader gets: skip link, landmarks, one h1, distinct titles, every label naming
its input, errors tied to their fields and summed up once at the top of a failed form."""

from __future__ import annotations

import html
import re

import pytest

from tests.helpers import INSTRUCTOR_PASSWORD, Instructor, Page


@pytest.fixture
def app_config(instructor_config):
    return instructor_config  # the instructor's pages are screens too


def fields(page: Page) -> list[dict]:
    return [
        e
        for e in page.elements
        if e["tag"] in ("input", "select", "textarea")
        and e.get("type") not in ("hidden", "submit", "button")
    ]


def assert_labels_name_their_inputs(page: Page) -> None:
    for label in page.all("label"):
        if label.get("for"):
            target = page.by_id(label["for"])
            assert target is not None and target["tag"] in ("input", "select", "textarea"), (
                f"label « {page.text(label)} » points at #{label['for']}, which is no field"
            )
    labelled = {label.get("for") for label in page.all("label")}
    for field in fields(page):
        wrapped = "label" in field["parents"]
        assert field.get("id") in labelled or wrapped or field.get("aria-label"), (
            f"field without label: {field}"
        )


def assert_error_tied(page: Page, field_id: str, message: str) -> None:
    """GOV.UK's pattern: the field is invalid, described by its message, and the summary at
    the top links to it; one alert on the page."""
    field = page.by_id(field_id)
    assert field is not None, f"no field #{field_id}"
    assert field.get("aria-invalid") == "true"
    described = field.get("aria-describedby", "").split()
    assert f"{field_id}-error" in described
    assert message in page.text(page.by_id(f"{field_id}-error"))
    summary = page.all(data_testid="error-summary")
    assert len(summary) == 1 and summary[0].get("tabindex") == "-1"
    assert "Il y a un problème" in page.text(summary[0])
    links = [a for a in page.all("a") if a.get("href") == f"#{field_id}"]
    assert links and message in page.text(links[0])
    assert len(page.all(role="alert")) == 1, "two alerts at once"


SCREENS = [
    "/",
    "/messagerie/",
    "/messagerie/spam",
    "/messagerie/regles",
    "/telephone/",
    "/authentificateur/",
    "/horloge/",
    "/cookies/",
    "/incidents/",
    "/progression",
    "/pas-a-pas/",
    "/rejoindre",
    "/pigp/connexion",
    "/pigp/aide",
    "/pigp/pixt",
    "/bnum/connexion",
    "/cerbere/login",
    "/karbon/connexion",
    "/karbon-cabinet/",
    "/onegov/connexion",
    "/onegov/mot-de-passe-oublie",
    "/onegov/organisation",
    "/eulogin/connexion",
    "/traces/",
    "/formateur/connexion",
]


@pytest.mark.parametrize("url", SCREENS)
def test_every_screen_has_a_skip_link_landmarks_one_h1_and_named_fields(browser_client, url):
    response = browser_client.get(url, follow_redirects=True)
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    first_link = page.all("a")[0]
    assert first_link.get("href") == "#contenu" and page.text(first_link) == "Aller au contenu"
    assert page.by_id("contenu") is not None and (
        "main" in page.by_id("contenu")["parents"] or page.by_id("contenu")["tag"] == "main"
    )
    for landmark in ("header", "main", "footer"):
        assert len(page.all(landmark)) == 1, f"{url}: {len(page.all(landmark))} <{landmark}>"
    banner = page.all(class_="training-banner")[0]
    assert "header" in banner["parents"], "the training banner sits outside any landmark"
    assert len(page.all("h1")) == 1, f"{url}: {[page.text(h) for h in page.all('h1')]}"
    assert_labels_name_their_inputs(page)


def test_the_bar_says_which_links_open_another_tab(browser_client):
    page = Page(browser_client.text("/"))
    named = [
        a
        for a in page.all("a")
        if a.get("target") in ("messagerie", "telephone", "authentificateur", "guide")
        and a.get("data-testid", "").startswith("bar-")
    ]
    assert len(named) == 4
    for link in named:
        assert page.text(link).endswith("(nouvel onglet)"), page.text(link)


def test_mailbox_views_have_distinct_titles(browser_client):
    def title(url):
        return html.unescape(
            re.search(r"<title>(.*?)</title>", browser_client.text(url), re.S).group(1)
        )

    assert title("/messagerie/spam").startswith("Courrier indésirable · Messagerie")
    assert title("/messagerie/").startswith("Boîte de réception · Messagerie")
    assert title("/messagerie/regles").startswith("Règles de filtrage · Messagerie")
    browser_client.post("/karbon/invitation")
    message_id = re.search(
        r'href="/messagerie/message/(\d+)"', browser_client.text("/messagerie/")
    ).group(1)
    subject = Page(browser_client.text(f"/messagerie/message/{message_id}")).all(
        data_testid="mail-subject"
    )[0]
    assert title(f"/messagerie/message/{message_id}").startswith(
        f"Message : {' '.join(subject['text'].split())} · Messagerie"
    )


# Failed forms ------------------------------------------------------------------------------


def test_instructor_login_error_is_tied_to_its_field(app):  # noqa: F811
    teacher = Instructor(app.test_client())
    page = Page(teacher.post("/formateur/connexion", {"password": ""}).get_data(as_text=True))
    label = [lab for lab in page.all("label") if "Mot de passe formateur" in page.text(lab)][0]
    assert label["for"] == "instructor-password"
    assert_error_tied(page, "instructor-password", "Saisissez le mot de passe formateur.")


def test_class_size_error_is_tied_to_its_field(app):  # noqa: F811
    teacher = Instructor(app.test_client())
    assert (
        teacher.post("/formateur/connexion", {"password": INSTRUCTOR_PASSWORD}).status_code == 302
    )
    page = Page(teacher.post("/formateur/", {"name": "Séance", "size": "0"}).get_data(as_text=True))
    assert_labels_name_their_inputs(page)
    assert_error_tied(page, "class-size", "stagiaires")


def test_karbon_activation_errors_name_both_password_fields(browser_client, karbon):
    browser_client.get(karbon.invitation_link())
    response = browser_client.post(
        "/karbon/activation", {"password": "Un-mot-de-passe-42", "confirm": "autre"}
    )
    assert response.status_code == 400
    page = Page(response.get_data(as_text=True))
    assert_labels_name_their_inputs(page)
    assert {lab["for"] for lab in page.all("label")} >= {"new-password", "confirm-password"}
    assert_error_tied(page, "confirm-password", "identiques")


def test_onegov_confirmation_code_error_is_tied_to_its_field(browser_client, onegov):
    onegov.login()
    browser_client.get("/onegov/portail/2fa/configuration")
    response = browser_client.post("/onegov/portail/2fa/configuration", {"code": "000000"})
    assert response.status_code == 400
    page = Page(response.get_data(as_text=True))
    assert_labels_name_their_inputs(page)
    field = page.by_id("confirmation-code")
    assert field["aria-invalid"] == "true"
    assert len(page.all(data_testid="error-summary")) == 1
    assert [a for a in page.all("a") if a.get("href") == "#confirmation-code"]
    assert len(page.all(role="alert")) == 1


def test_pigp_code_in_the_password_field_shows_one_alert(browser_client, pigp):
    response = pigp.login("123456")
    page = Page(response.get_data(as_text=True))
    assert page.all(data_testid="password-code-hint")
    assert_error_tied(page, "password", "incorrect")


def test_a_valid_page_has_no_error_summary(browser_client):
    page = Page(browser_client.text("/pigp/connexion"))
    assert not page.all(data_testid="error-summary") and not page.all(aria_invalid="true")


# Widgets -----------------------------------------------------------------------------------


def test_onegov_switch_is_a_button(browser_client, onegov):
    onegov.login()
    page = Page(browser_client.text("/onegov/portail"))
    switch = page.by_id("twofa-switch")
    assert (
        switch["tag"] == "button"
        and switch["role"] == "switch"
        and switch["aria-checked"] == "false"
    )


def test_guided_buttons_name_their_procedure(browser_client):
    page = Page(browser_client.text("/pas-a-pas/"))
    names = [
        page.text(b)
        for b in page.all("button")
        if b.get("data-testid", "").startswith("guided-start-")
    ]
    assert names and all(name.startswith("Commencer : ") for name in names)
    assert any(name.startswith("Commencer : Première connexion au PIGP") for name in names)


def test_guided_panel_is_a_named_region_with_a_live_region(browser_client):
    browser_client.post("/pas-a-pas/commencer/pigp-premiere-connexion")
    page = Page(browser_client.text("/pigp/connexion"))
    panel = page.all(data_testid="guided-panel")[0]
    assert panel["tag"] == "section" and page.by_id(panel["aria-labelledby"])["tag"] == "h2"
    assert page.all(data_testid="guided-live")[0]["role"] == "status"
    toggle = page.all(data_testid="guided-toggle")[0]
    assert toggle["aria-expanded"] == "true" and toggle["aria-controls"] == "guided-body"


def test_authenticator_state_gives_fresh_codes_without_reloading(browser_client, onegov, wall):
    from datetime import timedelta

    onegov.login()
    browser_client.get("/onegov/portail/2fa/configuration")  # the QR code is on screen
    page = Page(browser_client.text("/authentificateur/"))
    assert page.all(data_testid="scan-qr") and len(page.all("h1")) == 1
    assert page.text(page.all(data_testid="otp-seconds")[0]).startswith("nouveau code dans ")
    state = browser_client.get("/authentificateur/etat").get_json()
    assert state["codes"] == {} and "scan-qr" in state["scan_html"]
    browser_client.post("/authentificateur/scanner/0")
    state = browser_client.get("/authentificateur/etat").get_json()
    (first,) = state["codes"].values()
    assert "Code QR détecté : OneGov" in state["scan_html"]
    assert "Code QR détecté : OneGov" in browser_client.text("/authentificateur/")
    wall.advance(timedelta(seconds=30))
    assert list(browser_client.get("/authentificateur/etat").get_json()["codes"].values()) != [
        first
    ]
