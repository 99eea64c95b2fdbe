"""BNUM through Flask's test client: login, the 2FA page (QR, confirm), code at login, logout."""

from __future__ import annotations

import html
import re

import pytest

from simulator.domain import totp
from tests.helpers import body, factor_names, sessions_of, text
from tests.portals import code_at

# Login --------------------------------------------------------------------------------


def test_login_page(cerbere):
    page = text(cerbere, "/bnum/connexion")
    assert "Connexion au BNUM" in page and "mêmes que pour la messagerie" in page


def test_home_and_security_need_a_login(cerbere):
    assert cerbere.get("/bnum/").location.endswith("/bnum/connexion")
    response = cerbere.get("/bnum/securite")
    assert response.status_code == 302 and "suite=/bnum/securite" in response.location


def test_login_with_the_ministry_credentials_goes_back_where_asked(cerbere):
    response = cerbere.post("/bnum/connexion?suite=/bnum/securite", cerbere.credentials())
    assert response.location == "/bnum/securite"
    assert "Bonjour" in text(cerbere, "/bnum/")


@pytest.mark.parametrize(
    "suite", ["https://evil.test/", "//evil.test", "/\\evil.test", "/piag/", "/bnum/../x"]
)
def test_login_never_redirects_outside_the_bnum(cerbere, suite):
    response = cerbere.post("/bnum/connexion", cerbere.credentials(), query_string={"suite": suite})
    assert response.location == "/bnum/"


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("", "x", "Ce champ est obligatoire."),
        ("agent", "", "Ce champ est obligatoire."),
        ("a" * 121, "x", "Identifiant trop long."),
        ("agent", "x" * 201, "Mot de passe trop long."),
        ("<script>alert(1)</script>", "x", "Identifiant ou mot de passe incorrect."),
        ("' OR 1=1 --", "' OR '1'='1", "Identifiant ou mot de passe incorrect."),
        ("inconnu.agent", "Tilleul-Orage-12", "Identifiant ou mot de passe incorrect."),
    ],
)
def test_login_bad_input(cerbere, username, password, message):
    response = cerbere.post("/bnum/connexion", {"username": username, "password": password})
    assert response.status_code == 400
    assert message in body(response)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)  # escaped


def test_wrong_password_same_message_as_unknown_user(cerbere):
    data = {**cerbere.credentials(), "password": "pas-le-bon-1"}
    assert "Identifiant ou mot de passe incorrect." in body(cerbere.post("/bnum/connexion", data))


def test_post_without_csrf_token_is_refused(cerbere):
    response = cerbere.post("/bnum/connexion", cerbere.credentials(), csrf=False)
    assert response.status_code == 400 and "jeton de sécurité" in body(response)


# The 2FA page --------------------------------------------------------------------------


def test_security_page_shows_a_standard_qr_code_and_keeps_its_secret(app, cerbere):
    cerbere.bnum_login()
    page = text(cerbere, "/bnum/securite")
    assert "Impossible de scanner ?" in page and "non activée" in page
    uri = html.unescape(re.search(r'data-otpauth="([^"]+)"', page).group(1))
    assert (
        uri.startswith("otpauth://totp/BNUM%20%28simulation%29:")
        and "issuer=BNUM%20%28simulation%29" in uri
    )
    assert cerbere.pending_secret() == totp.parse_uri(uri).secret  # a reload shows the same code
    assert factor_names(app, cerbere) == set()  # nothing saved before a code confirms it


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Saisissez le code à 6 chiffres"),
        ("abcdef", "6 chiffres (de 0 à 9)"),
        ("١٢٣٤٥٦", "6 chiffres (de 0 à 9)"),
        ("12345", "6 chiffres (de 0 à 9)"),
        ("1" * 100, "6 chiffres (de 0 à 9)"),
        ("<b>123456</b>", "6 chiffres (de 0 à 9)"),
        ("000000", "Code incorrect. Vérifiez l'heure de votre téléphone"),
    ],
)
def test_confirm_bad_codes(app, cerbere, code, message, wall):
    cerbere.bnum_login()
    cerbere.pending_secret()
    if code == "000000" and code_at(cerbere.pending_secret(), wall) == code:
        code = "000001"
    response = cerbere.post("/bnum/securite/confirmer", {"code": code})
    assert response.status_code == 400
    assert message in body(response)
    assert factor_names(app, cerbere) == set()
    assert 'data-testid="qr-code"' in body(response)


def test_confirm_with_a_right_code_saves_the_factor_and_tells_the_owner(app, cerbere, wall):
    cerbere.bnum_login()
    secret = cerbere.pending_secret()
    response = cerbere.post("/bnum/securite/confirmer", {"code": code_at(secret, wall)})
    assert response.location == "/bnum/securite"
    page = text(cerbere, "/bnum/securite")
    assert "L'authentification à deux facteurs est activée sur votre compte BNUM." in page
    assert "activée sur votre compte BNUM" not in text(cerbere, "/bnum/securite")  # told once
    assert factor_names(app, cerbere) == {"bnum"}
    assert "BNUM : sécurité de votre compte" in text(cerbere, "/messagerie/")


def test_confirm_without_a_pending_secret_is_refused(app, cerbere, wall):
    cerbere.activate_bnum(wall)
    response = cerbere.post("/bnum/securite/confirmer", {"code": "123456"}, follow_redirects=True)
    assert "Affichez d'abord le code QR" in body(response)


def test_confirm_needs_a_login(cerbere):
    assert cerbere.post("/bnum/securite/confirmer", {"code": "123456"}).status_code == 302


# Login once 2FA is active ---------------------------------------------------------------


def test_login_then_asks_for_the_code(app, cerbere, wall):
    secret = cerbere.activate_bnum(wall)
    cerbere.post("/bnum/deconnexion")
    response = cerbere.bnum_login()
    assert response.location == "/bnum/connexion/code"
    assert cerbere.get("/bnum/").status_code == 302  # not in yet
    wrong = cerbere.post("/bnum/connexion/code", {"code": "abc"})
    assert wrong.status_code == 400 and "6 chiffres" in body(wrong)
    code = code_at(secret, wall)
    assert cerbere.post("/bnum/connexion/code", {"code": code}).location == "/bnum/"
    assert "Bonjour" in text(cerbere, "/bnum/")
    cerbere.post("/bnum/deconnexion")
    cerbere.bnum_login()
    replay = cerbere.post("/bnum/connexion/code", {"code": code})
    assert replay.status_code == 400 and "déjà été utilisé" in body(replay)


def test_code_step_out_of_order(cerbere):
    response = cerbere.get("/bnum/connexion/code", follow_redirects=True)
    assert "Commencez par saisir votre identifiant" in body(response)


def test_logout_ends_the_session_on_the_server(app, cerbere):
    cerbere.bnum_login()
    cookie = cerbere.client.get_cookie("session_bnum", path="/bnum")
    cerbere.post("/bnum/deconnexion")
    assert all(row.ended_at is not None for row in sessions_of(app, cerbere, "bnum"))
    cerbere.client.set_cookie("session_bnum", cookie.value, path="/bnum")
    assert cerbere.get("/bnum/").status_code == 302


def test_another_sandbox_cannot_use_this_session(app, cerbere, other_browser):
    cerbere.bnum_login()
    cookie = cerbere.client.get_cookie("session_bnum", path="/bnum")
    other_browser.client.set_cookie("session_bnum", cookie.value, path="/bnum")
    assert other_browser.get("/bnum/").location.endswith("/bnum/connexion")
