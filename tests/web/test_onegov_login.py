"""OneGov login: « Rester connecté », the one-time password, logout, the required policy."""

from __future__ import annotations

import pytest

from tests.portals import code_at, session_cookie


def test_index_sends_to_login_then_to_the_meetings(onegov):
    assert onegov.get("/onegov/").headers["Location"].endswith("/onegov/connexion")
    onegov.login()
    assert onegov.get("/onegov/").headers["Location"].endswith("/onegov/seances")


def test_login_page_has_the_seed_wording(onegov):
    page = onegov.text("/onegov/connexion")
    for text in (
        "Identifiant",
        "Mot de passe",
        "Rester connecté",
        "Connexion",
        "Mot de passe oublié ?",
    ):
        assert text in page


def test_without_rester_connecte_the_cookie_dies_with_the_browser(onegov):
    response = onegov.login()
    assert response.headers["Location"].endswith("/onegov/seances")
    cookie = session_cookie(response)
    assert cookie and "Max-Age" not in cookie and "Expires" not in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/onegov" in cookie
    assert "jusqu'à la fermeture du navigateur" in onegov.text("/onegov/portail")


def test_rester_connecte_gives_a_persistent_cookie(onegov):
    cookie = session_cookie(onegov.login(remember=True))
    assert "Max-Age=2592000" in cookie
    page = onegov.text("/onegov/portail")
    assert "Rester connecté : jusqu'au 1er avril 2026" in page


def test_logged_in_browser_skips_the_login_page(onegov):
    onegov.login(remember=True)
    assert onegov.get("/onegov/connexion").headers["Location"].endswith("/onegov/seances")


@pytest.mark.parametrize(
    "username, password, message",
    [
        ("", "x", "Ce champ est obligatoire."),
        ("g.julien", "", "Ce champ est obligatoire."),
        ("x" * 121, "x", "Identifiant trop long."),
        ("g.julien", "x" * 201, "Mot de passe trop long."),
        ("<script>alert(1)</script>", "' OR 1=1 --", "Identifiant ou mot de passe incorrect."),
        ("g.julien", "１２３４５６", "Identifiant ou mot de passe incorrect."),
        ("inconnu\x00", "Tilleul-Orage-42", "caractère de contrôle invisible"),
    ],
)
def test_bad_logins_are_refused_in_french(onegov, username, password, message):
    response = onegov.post("/onegov/connexion", {"username": username, "password": password})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert session_cookie(response) is None


def test_unknown_identifier_and_wrong_password_look_the_same(onegov):
    username, _ = onegov.credentials()
    wrong = onegov.post("/onegov/connexion", {"username": username, "password": "Faux-Mot-2026"})
    unknown = onegov.post(
        "/onegov/connexion", {"username": "personne", "password": "Faux-Mot-2026"}
    )
    assert wrong.status_code == unknown.status_code == 400
    assert "Identifiant ou mot de passe incorrect." in wrong.get_data(as_text=True)
    assert "Identifiant ou mot de passe incorrect." in unknown.get_data(as_text=True)


def test_post_without_csrf_is_refused(onegov):
    username, password = onegov.credentials()
    response = onegov.post(
        "/onegov/connexion", {"username": username, "password": password}, csrf=False
    )
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)


def test_every_login_gets_a_new_session_and_logout_ends_it(onegov):
    first = session_cookie(onegov.login())
    second = session_cookie(onegov.login())
    assert first.split(";")[0] != second.split(";")[0]
    value = second.split(";")[0].split("=", 1)[1]
    assert onegov.logout().headers["Location"].endswith("/onegov/connexion")
    onegov.client.set_cookie("session_onegov", value, path="/onegov")
    assert onegov.get("/onegov/portail").headers["Location"].endswith("/onegov/connexion")


def test_logout_needs_csrf(onegov):
    onegov.login()
    assert onegov.post("/onegov/deconnexion", csrf=False).status_code == 400


def test_session_cookie_of_another_sandbox_opens_nothing(onegov, other_browser):
    value = session_cookie(onegov.login()).split(";")[0].split("=", 1)[1]
    other_browser.client.set_cookie("session_onegov", value, path="/onegov")
    assert other_browser.get("/onegov/portail").headers["Location"].endswith("/onegov/connexion")


def test_pages_need_a_login(onegov):
    for url in (
        "/onegov/seances",
        "/onegov/portail",
        "/onegov/portail/mot-de-passe",
        "/onegov/portail/2fa/configuration",
        "/onegov/portail/2fa/desactivation",
    ):
        assert onegov.get(url).headers["Location"].endswith("/onegov/connexion")


def test_code_step_out_of_order_is_refused(onegov):
    response = onegov.get("/onegov/connexion/code")
    assert response.headers["Location"].endswith("/onegov/connexion")
    assert onegov.post("/onegov/connexion/code", {"code": "123456"}).status_code == 302


def test_after_enrolment_every_login_asks_for_the_code(onegov, wall):
    secret = onegov.enrol(wall)
    onegov.logout()
    response = onegov.login(remember=True)
    assert response.headers["Location"].endswith("/onegov/connexion/code")
    assert session_cookie(response) is not None and "Max-Age" not in session_cookie(response)
    assert onegov.get("/onegov/seances").headers["Location"].endswith("/onegov/connexion")
    good = code_at(secret, wall)
    done = onegov.post("/onegov/connexion/code", {"code": good})
    assert done.headers["Location"].endswith("/onegov/seances")
    assert "Max-Age=2592000" in session_cookie(done)  # « Rester connecté » survives the code step
    onegov.logout()
    onegov.login()
    replay = onegov.post("/onegov/connexion/code", {"code": good})
    assert replay.status_code == 400
    assert "déjà été utilisé" in replay.get_data(as_text=True)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Saisissez le code à 6 chiffres"),
        ("abcdef", "6 chiffres (de 0 à 9)"),
        ("１２３４５６", "6 chiffres (de 0 à 9)"),
        ("1" * 65, "Code trop long."),
        ("<b>123456</b>", "6 chiffres (de 0 à 9)"),
        ("000000", "Code incorrect"),
    ],
)
def test_bad_codes_are_refused(onegov, wall, typed, message):
    onegov.enrol(wall)
    onegov.logout()
    onegov.login()
    response = onegov.post("/onegov/connexion/code", {"code": typed})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_required_policy_sends_to_the_setup(onegov):
    onegov.client.post("/_sim/settings", json={"onegov_policy": "required"})
    response = onegov.login()
    assert response.headers["Location"].endswith("/onegov/portail/2fa/configuration")
    assert (
        onegov.get("/onegov/seances")
        .headers["Location"]
        .endswith("/onegov/portail/2fa/configuration")
    )
    assert (
        onegov.get("/onegov/portail")
        .headers["Location"]
        .endswith("/onegov/portail/2fa/configuration")
    )
    page = onegov.text("/onegov/portail/2fa/configuration")
    assert "Votre organisation exige" in page


def test_meetings_page(onegov):
    onegov.login()
    page = onegov.text("/onegov/seances")
    assert "Prochaines séances" in page and "5 mars 2026" in page and "Mon portail" in page
