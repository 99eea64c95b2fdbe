"""Cerbère and the PIAG through Flask's test client: the refusal, « Mon compte » and OTP Mél,
the ticket round trip, open-redirect attempts, later logins with a code, single logout."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import body, factor_names, sessions_of, text
from tests.portals import Cerbere, code_at

REFUSAL_1 = "Accès interdit, authentification trop faible (mot de passe < authentification 2 facteurs requis)."
REFUSAL_2 = (
    "Aucune méthode d'authentification à deux facteurs n'est activée pour votre compte. "
    "Pour activer une méthode, allez sur la page de gestion de votre compte"
)
LOGIN = Cerbere.LOGIN
SUCCESS = "Authentification 2 facteurs activée avec succès pour la méthode OTP Mél."


def piag_logged_in(web) -> bool:
    return 'data-testid="piag-connected"' in text(web, "/piag/?sso=non")


# The PIAG's home and the refusal --------------------------------------------------------


def test_piag_asks_cerbere_quietly_then_offers_the_button(cerbere):
    first = cerbere.get("/piag/")
    assert first.location.startswith("/cerbere/login?service=/piag/connexion&gateway=1")
    response = cerbere.get("/piag/", follow_redirects=True)
    assert response.request.path == "/piag/" and "S'authentifier avec Cerbère" in body(response)


def test_password_alone_gets_the_refusal_word_for_word(cerbere):
    response = cerbere.cerbere_login()
    page = body(response)
    raw = re.sub(r"<[^>]+>", "", response.get_data(as_text=True))
    words = " ".join(html.unescape(raw).split())  # the text as read, links included
    assert response.status_code == 403
    assert REFUSAL_1 in words and REFUSAL_2 in words
    assert 'href="/cerbere/compte"' in page and "Mon compte (" in page


def test_login_without_a_service_opens_my_account(cerbere):
    assert cerbere.cerbere_login("/cerbere/login").location == "/cerbere/compte"
    assert "Authentification à deux facteurs" in text(cerbere, "/cerbere/compte")


def test_a_password_alone_never_opens_the_piag(cerbere):
    cerbere.cerbere_login()
    assert not piag_logged_in(cerbere)
    assert (
        cerbere.get("/cerbere/login?service=/piag/connexion&gateway=1").location
        == "/piag/connexion"
    )


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("", "x", "Ce champ est obligatoire."),
        ("agent", "", "Ce champ est obligatoire."),
        ("a" * 500, "x", "Identifiant trop long."),
        ("' OR 1=1 --", "x", "Identifiant ou mot de passe incorrect."),
        ("agent\u0000", "x", "caractère de contrôle invisible"),
    ],
)
def test_cerbere_login_bad_input(cerbere, username, password, message):
    response = cerbere.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 400 and message in body(response)


@pytest.mark.parametrize(
    "service",
    [
        "https://evil.test/",
        "//evil.test/piag/connexion",
        "/\\evil.test",
        "javascript:alert(1)",
        "http://127.0.0.1:5000/piag/connexion",
        "/bnum/",
        "/piag/connexion@evil.test",
        "/piag/../cerbere/compte",
        "",
    ],
)
def test_open_redirect_attempts_are_refused(cerbere, service, app, wall):
    for method in (cerbere.get, lambda url: cerbere.cerbere_login(url)):
        response = method(f"/cerbere/login?service={service}")
        assert response.status_code == 400 and "Service non autorisé" in body(response)
        assert response.location is None


def test_open_redirect_refused_even_with_a_strong_session(cerbere, app, wall):
    cerbere.enrolled(wall)
    response = cerbere.get("/cerbere/login?service=https://evil.test/&gateway=1")
    assert response.status_code == 400 and response.location is None


# « Mon compte » and OTP Mél ---------------------------------------------------------------


def test_my_account_needs_a_login(cerbere):
    response = cerbere.get("/cerbere/compte", follow_redirects=True)
    assert "Connectez-vous à Cerbère" in body(response)
    assert cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"}).status_code == 302
    assert cerbere.get("/cerbere/compte/otp-mel").status_code == 302


def test_without_bnum_2fa_adding_the_method_explains_the_prerequisite(app, cerbere):
    cerbere.cerbere_login()
    response = cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"})
    assert response.status_code == 409
    assert "activez d'abord l'authentification à deux facteurs sur le BNUM" in body(response)
    assert 'href="/bnum/securite"' in body(response)
    assert cerbere.get("/cerbere/compte/otp-mel").status_code == 302  # not allowed on
    assert factor_names(app, cerbere) == set()


@pytest.mark.parametrize("method", ["", "sms", "<b>otp</b>", "otp_mel' --"])
def test_unknown_method_is_refused(cerbere, method):
    cerbere.cerbere_login()
    response = cerbere.post("/cerbere/compte/methodes", {"method": method})
    assert response.status_code == 400 and "Choisissez une méthode dans la liste." in body(response)


def test_code_page_out_of_order(app, cerbere, wall):
    cerbere.activate_bnum(wall)
    cerbere.cerbere_login()
    response = cerbere.get("/cerbere/compte/otp-mel", follow_redirects=True)
    assert "Choisissez d'abord l'option « OTP Mél »" in body(response)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Saisissez le code à 6 chiffres"),
        ("12a456", "6 chiffres (de 0 à 9)"),
        ("١٢٣٤٥٦", "6 chiffres (de 0 à 9)"),
        ("9" * 65, "6 chiffres (de 0 à 9)"),
        ("<script>", "6 chiffres (de 0 à 9)"),
    ],
)
def test_otp_mel_bad_input(app, cerbere, wall, code, message):
    cerbere.activate_bnum(wall)
    cerbere.cerbere_login()
    cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"})
    response = cerbere.post("/cerbere/compte/otp-mel", {"code": code})
    assert response.status_code == 400 and message in body(response)
    assert factor_names(app, cerbere) == {"bnum"}


def test_otp_mel_with_the_bnum_code_activates_the_method(app, cerbere, wall):
    secret = cerbere.activate_bnum(wall)
    cerbere.cerbere_login()
    old_cookie = cerbere.client.get_cookie("session_cerbere", path="/cerbere").value
    assert cerbere.add_otp_mel(secret, wall).location == "/cerbere/compte"
    assert cerbere.client.get_cookie("session_cerbere", path="/cerbere").value != old_cookie
    page = text(cerbere, "/cerbere/compte")
    assert SUCCESS in page.replace("<strong>", "").replace("</strong>", "")
    assert "Retourner sur le PIAG" in page
    assert factor_names(app, cerbere) == {"bnum", "otp_mel"}
    assert "Cerbère : sécurité de votre compte" in text(cerbere, "/messagerie/")
    added = cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"}, follow_redirects=True)
    assert "déjà active" in body(added)


def test_the_code_just_used_on_the_bnum_is_refused_as_replay(app, cerbere, wall):
    cerbere.bnum_login()
    secret = cerbere.pending_secret()
    code = code_at(secret, wall)
    cerbere.post("/bnum/securite/confirmer", {"code": code})
    cerbere.cerbere_login()
    cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"})
    response = cerbere.post("/cerbere/compte/otp-mel", {"code": code})
    assert response.status_code == 400 and "déjà été utilisé" in body(response)


def test_five_wrong_codes_lock_the_step_even_for_a_right_code(app, cerbere, wall):
    secret = cerbere.activate_bnum(wall)
    cerbere.cerbere_login()
    cerbere.post("/cerbere/compte/methodes", {"method": "otp_mel"})
    right = code_at(secret, wall)
    wrong = f"{(int(right) + 500000) % 1000000:06d}"
    for left in (4, 3, 2, 1):
        assert f"Il vous reste {left} essai" in body(
            cerbere.post("/cerbere/compte/otp-mel", {"code": wrong})
        )
    assert "bloquée jusqu'au" in body(cerbere.post("/cerbere/compte/otp-mel", {"code": wrong}))
    locked = cerbere.post("/cerbere/compte/otp-mel", {"code": right})
    assert locked.status_code == 400 and "bloquée jusqu'au" in body(locked)
    assert factor_names(app, cerbere) == {"bnum"}


# The ticket round trip -----------------------------------------------------------------------


def ticket_from(response) -> str:
    parts = urlsplit(response.location)
    assert parts.path == "/piag/connexion" and not parts.netloc
    return parse_qs(parts.query)["ticket"][0]


def test_back_to_the_piag_logs_in_automatically(app, cerbere, wall):
    cerbere.enrolled(wall)
    response = cerbere.get("/piag/", follow_redirects=True)
    assert response.request.path == "/piag/" and 'data-testid="piag-connected"' in body(response)


def test_a_ticket_is_single_use(app, cerbere, wall):
    cerbere.enrolled(wall)
    ticket = ticket_from(cerbere.get(LOGIN))
    assert cerbere.get(f"/piag/connexion?ticket={ticket}").location == "/piag/"
    cerbere.post("/piag/deconnexion")
    replay = cerbere.get(f"/piag/connexion?ticket={ticket}")
    assert replay.status_code == 404 and "inconnu, expiré ou déjà utilisé" in body(replay)


def test_a_ticket_expires(app, cerbere, wall):
    cerbere.enrolled(wall)
    ticket = ticket_from(cerbere.get(LOGIN))
    cerbere.post("/horloge/avancer/5min")
    assert cerbere.get(f"/piag/connexion?ticket={ticket}").status_code == 404


@pytest.mark.parametrize("ticket", ["", "ST-123", "ST-" + "0" * 40, "<script>", "x" * 4000])
def test_made_up_tickets_are_refused(cerbere, ticket):
    response = cerbere.get("/piag/connexion", query_string={"ticket": ticket})
    assert response.status_code == 404 and not piag_logged_in(cerbere)


def test_another_sandboxs_ticket_answers_404(app, cerbere, other_browser, wall):
    cerbere.enrolled(wall)
    ticket = ticket_from(cerbere.get(LOGIN))
    assert other_browser.get(f"/piag/connexion?ticket={ticket}").status_code == 404
    assert not piag_logged_in(other_browser)


def test_another_sandbox_cannot_use_the_cerbere_cookie(app, cerbere, other_browser, wall):
    cerbere.enrolled(wall)
    cookie = cerbere.client.get_cookie("session_cerbere", path="/cerbere")
    other_browser.client.set_cookie("session_cerbere", cookie.value, path="/cerbere")
    assert other_browser.get(LOGIN).status_code == 200  # the login form, no ticket


# Later logins and logout ------------------------------------------------------------------


def test_later_login_asks_password_then_code(app, cerbere, wall):
    secret = cerbere.enrolled(wall)
    cerbere.post("/cerbere/logout")
    assert cerbere.cerbere_login().location == "/cerbere/login/code"
    wrong = cerbere.post("/cerbere/login/code", {"code": "abcdef"})
    assert wrong.status_code == 400 and "6 chiffres" in body(wrong)
    response = cerbere.post("/cerbere/login/code", {"code": code_at(secret, wall)})
    cerbere.get(f"/piag/connexion?ticket={ticket_from(response)}")
    assert piag_logged_in(cerbere)


def test_code_step_out_of_order(cerbere):
    response = cerbere.get("/cerbere/login/code", follow_redirects=True)
    assert "Commencez par saisir votre identifiant" in body(response)
    assert cerbere.post("/cerbere/login/code", {"code": "123456"}).status_code == 302


def test_logging_out_of_cerbere_ends_the_piag_session_on_the_server(app, cerbere, wall):
    cerbere.enrolled(wall)
    cerbere.get("/piag/", follow_redirects=True)
    piag_cookie = cerbere.client.get_cookie("session_piag", path="/piag").value
    assert cerbere.post("/cerbere/logout").location == "/cerbere/login"
    assert all(row.ended_at is not None for row in sessions_of(app, cerbere, "piag"))
    cerbere.client.set_cookie("session_piag", piag_cookie, path="/piag")  # an old cookie replayed
    assert not piag_logged_in(cerbere)


def test_logging_out_of_the_piag_ends_cerbere_too(app, cerbere, wall):
    cerbere.enrolled(wall)
    cerbere.get("/piag/", follow_redirects=True)
    response = cerbere.post("/piag/deconnexion", follow_redirects=True)
    assert "Vous êtes déconnecté du PIAG et de Cerbère." in body(response)
    assert cerbere.get("/cerbere/compte").status_code == 302
    assert all(row.ended_at is not None for row in sessions_of(app, cerbere, "cerbere"))


@pytest.mark.parametrize(
    "url",
    [
        "/cerbere/login",
        "/cerbere/login/code",
        "/cerbere/compte/methodes",
        "/cerbere/compte/otp-mel",
        "/cerbere/logout",
        "/piag/deconnexion",
        "/bnum/securite/confirmer",
        "/bnum/deconnexion",
    ],
)
def test_every_post_needs_its_csrf_token(cerbere, url):
    response = cerbere.post(url, {"code": "123456"}, csrf=False)
    assert response.status_code == 400 and "jeton de sécurité" in body(response)


@pytest.mark.parametrize(
    "url", ["/piag/", "/piag/connexion", "/cerbere/", "/cerbere/login", "/cerbere/compte", "/bnum/"]
)
def test_pages_need_a_sandbox_first(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location == "/"
