"""« Mon portail »: login information, password change, applications, recent logins."""

from __future__ import annotations

import pytest

from tests.portals import FIREFOX_WINDOWS

NEW = "Seance-Conseil-2026"


def test_portal_shows_the_four_sections(onegov):
    onegov.login()
    page = onegov.text("/onegov/portail")
    username, _ = onegov.credentials()
    for text in (
        "Informations de connexion",
        username,
        "Modifier le mot de passe",
        "Authentification à deux facteurs",
        "Applications autorisées",
        "App pour les séances",
        "Connexions récentes",
    ):
        assert text in page


def test_user_menu_links_to_mon_portail(onegov):
    onegov.login()
    page = onegov.text("/onegov/seances")
    assert 'id="menu-portal"' in page and "Mon portail" in page and 'id="logout"' in page


def test_recent_logins_show_date_browser_result_and_2fa(onegov):
    username, _ = onegov.credentials()
    onegov.post(
        "/onegov/connexion",
        {"username": username, "password": "Faux-Mot-2026"},
        headers={"User-Agent": FIREFOX_WINDOWS},
    )
    onegov.login(headers={"User-Agent": FIREFOX_WINDOWS})
    page = onegov.text("/onegov/portail")
    assert page.count('data-testid="login-row"') == 2
    assert "Firefox sur Windows" in page
    assert "2 mars 2026 à 09:00" in page  # sandbox time, Paris
    assert "Réussie" in page and "Échec" in page and ">Non<" in page


def test_recent_logins_follow_the_sandbox_clock(onegov):
    onegov.client.post("/_sim/sandbox-clock", json={"step": "1jour"})
    onegov.login()
    assert "3 mars 2026 à 09:00" in onegov.text("/onegov/portail")


def test_change_password(onegov, app):
    phone = onegov.second_device(app)
    phone.login(remember=True)
    onegov.login(remember=True)
    _, current = onegov.credentials()
    response = onegov.post(
        "/onegov/portail/mot-de-passe", {"current": current, "new": NEW, "confirm": NEW}
    )
    assert response.headers["Location"].endswith("/onegov/portail")
    assert onegov.get("/onegov/portail").status_code == 200  # this browser stays connected
    assert "Rester connecté" in onegov.text("/onegov/portail")
    assert (
        phone.get("/onegov/portail").headers["Location"].endswith("/onegov/connexion")
    )  # the other is out
    assert phone.login().status_code == 400
    assert phone.login(password=NEW).status_code == 302
    assert "votre mot de passe a été modifié" in onegov.latest_mail()


@pytest.mark.parametrize(
    "current, new, confirm, message",
    [
        ("", NEW, NEW, "Ce champ est obligatoire."),
        ("Faux-Mot-2026", NEW, NEW, "Mot de passe actuel incorrect."),
        (None, "court1", "court1", "au moins 12 caractères"),
        (None, NEW, "autre-chose-2026", "Les deux mots de passe ne sont pas identiques."),
        (None, "<script>x</script>", "<script>x</script>", "des lettres et au moins un chiffre"),
        (None, "x" * 201, "x" * 201, "128 caractères au plus."),
    ],
)
def test_change_password_errors(onegov, current, new, confirm, message):
    onegov.login()
    _, password = onegov.credentials()
    response = onegov.post(
        "/onegov/portail/mot-de-passe",
        {"current": password if current is None else current, "new": new, "confirm": confirm},
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body and "<script>x</script>" not in body
    assert onegov.login().status_code == 302  # unchanged


def test_change_password_needs_csrf(onegov):
    onegov.login()
    _, password = onegov.credentials()
    response = onegov.post(
        "/onegov/portail/mot-de-passe",
        {"current": password, "new": NEW, "confirm": NEW},
        csrf=False,
    )
    assert response.status_code == 400


def test_change_password_page(onegov):
    onegov.login()
    assert "Mot de passe actuel" in onegov.text("/onegov/portail/mot-de-passe")
