"""EU Login's login: e-mail, password and method, SMS « challenge » code; TRACES NT's
certificate blocked until the session was opened with « Téléphone portable + SMS »."""

from __future__ import annotations

import pytest

from .test_eulogin_support import (
    LOGIN,
    PASSWORD,
    SMS,
    add_phone,
    arrive,
    creds,
    login_password,
    login_sms,
    start_sms_login,
)

NEW = "/traces/certificats/nouveau"


def test_traces_home_shows_the_mfa_notice(browser_client):
    page = browser_client.text("/traces/")
    assert "11 juin 2024" in page and "certificat intracommunautaire" in page
    assert 'id="traces-login"' in page


def test_traces_login_goes_to_eulogin(browser_client):
    response = browser_client.get("/traces/connexion")
    assert response.headers["Location"].endswith("/eulogin/connexion?service=traces")


def test_password_page_offers_password_only_without_a_phone(browser_client):
    email, _, _ = creds(browser_client)
    browser_client.post(f"{LOGIN}?service=traces", {"email": email})
    page = browser_client.text(PASSWORD)
    assert f'Bienvenue <strong data-testid="welcome-email">{email}</strong> (Externe)' in page
    assert 'id="method-password"' in page and 'id="method-sms"' not in page
    assert "Mot de passe perdu ?" in page and "autre adresse électronique" in page


def test_password_login_then_certificate_blocked(browser_client):
    response = login_password(browser_client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/traces/")
    assert "Mot de passe seul" in browser_client.text("/traces/")
    blocked = browser_client.get(NEW)
    assert blocked.status_code == 403
    assert "Authentification multifactorielle requise" in blocked.get_data(as_text=True)
    assert browser_client.post(NEW, {"goods": "bovins", "destination": "BE"}).status_code == 403
    assert 'data-testid="no-certificate"' in browser_client.text("/traces/")


def test_adding_a_phone_does_not_unblock_a_password_session(browser_client, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    assert browser_client.get(NEW).status_code == 403


def test_sms_login_unblocks_the_certificate(browser_client, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    page_after_phone = None
    email, _, _ = creds(browser_client)
    browser_client.post(f"{LOGIN}?service=traces", {"email": email})
    page_after_phone = browser_client.text(PASSWORD)
    assert 'id="method-sms"' in page_after_phone and "Téléphone portable + SMS" in page_after_phone
    response = login_sms(browser_client, wall)
    assert response.status_code == 302 and response.headers["Location"].endswith("/traces/")
    assert "Téléphone portable + SMS" in browser_client.text("/traces/")
    assert browser_client.get(NEW).status_code == 200
    created = browser_client.post(NEW, {"goods": "bovins", "destination": "BE"})
    assert created.status_code == 302
    reference_page = browser_client.get(created.headers["Location"])
    assert "INTRA.FR.2026.0000001" in reference_page.get_data(as_text=True)
    assert "INTRA.FR.2026.0000001" in browser_client.text("/traces/")


@pytest.mark.parametrize(
    "data",
    [
        {"goods": "licornes", "destination": "BE"},
        {"goods": "bovins", "destination": "XX"},
        {"goods": "", "destination": ""},
        {"goods": "<script>", "destination": "' OR 1=1"},
    ],
)
def test_bad_certificate_choices(browser_client, wall, data):
    login_password(browser_client)
    add_phone(browser_client, wall)
    login_sms(browser_client, wall)
    response = browser_client.post(NEW, data)
    assert (
        response.status_code == 400
        and "Choisissez une valeur dans la liste." in response.get_data(as_text=True)
    )


def test_foreign_or_unknown_certificate_is_404(browser_client, other_browser, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    login_sms(browser_client, wall)
    browser_client.post(NEW, {"goods": "bovins", "destination": "BE"})
    login_password(other_browser)
    assert other_browser.get("/traces/certificats/INTRA.FR.2026.0000001").status_code == 404
    assert browser_client.get("/traces/certificats/INTRA.FR.2026.9999999").status_code == 404


def test_sms_with_an_unregistered_number(browser_client, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    email, password, _ = creds(browser_client)
    browser_client.post(LOGIN, {"email": email})
    response = browser_client.post(
        PASSWORD, {"password": password, "method": "sms", "phone": "+33 6 39 98 00 00"}
    )
    assert response.status_code == 400 and "pas enregistré" in response.get_data(as_text=True)
    response = browser_client.post(
        PASSWORD, {"password": password, "method": "sms", "phone": "0612345678"}
    )
    assert response.status_code == 400 and "indicatif du pays" in response.get_data(as_text=True)


def test_sms_method_refused_without_a_phone(browser_client):
    email, password, mobile = creds(browser_client)
    browser_client.post(LOGIN, {"email": email})
    response = browser_client.post(
        PASSWORD, {"password": password, "method": "sms", "phone": mobile}
    )
    assert response.status_code == 400 and "Choisissez une méthode" in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "email",
    [
        "",
        "pas-une-adresse",
        "a@b",
        "x" * 5000 + "@collectivite.test",
        "<b>@x.test",
        "été@collectivité.test",
    ],
)
def test_bad_emails(browser_client, email):
    response = browser_client.post(LOGIN, {"email": email})
    assert response.status_code == 400 and "adresse électronique" in response.get_data(as_text=True)


def test_wrong_password_and_unknown_address_look_the_same(browser_client):
    _, password, _ = creds(browser_client)
    browser_client.post(LOGIN, {"email": "personne@collectivite.test"})
    unknown = browser_client.post(PASSWORD, {"password": password, "method": "password"}).get_data(
        as_text=True
    )
    email, _, _ = creds(browser_client)
    browser_client.post(LOGIN, {"email": email})
    wrong = browser_client.post(PASSWORD, {"password": "mauvais", "method": "password"}).get_data(
        as_text=True
    )
    assert (
        "Identifiant ou mot de passe incorrect." in unknown
        and "Identifiant ou mot de passe incorrect." in wrong
    )


def test_other_address_restarts(browser_client):
    email, _, _ = creds(browser_client)
    browser_client.post(f"{LOGIN}?service=traces", {"email": email})
    response = browser_client.get("/eulogin/connexion/autre-adresse")
    assert response.headers["Location"].endswith("/eulogin/connexion?service=traces")
    assert browser_client.get(PASSWORD).status_code == 302


@pytest.mark.parametrize("url", [PASSWORD, SMS])
def test_out_of_order_steps_are_refused(browser_client, url):
    response = browser_client.get(url)
    assert response.status_code == 302 and response.headers["Location"].endswith(LOGIN)
    assert browser_client.post("/eulogin/connexion/sms/renvoyer").status_code == 302


def test_sms_page_needs_the_password_first(browser_client, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    email, _, _ = creds(browser_client)
    browser_client.post(LOGIN, {"email": email})
    assert browser_client.get(SMS).status_code == 302  # password step not passed


def test_sms_login_wrong_code_expiry_and_resend_limit(browser_client, wall):
    from simulator.domain.codes import SMS_CHALLENGE_LIFETIME

    login_password(browser_client)
    add_phone(browser_client, wall)
    start_sms_login(browser_client)
    arrive(wall)
    code = browser_client.latest_sms_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert "Il vous reste 4 essais" in browser_client.post(SMS, {"code": wrong}).get_data(
        as_text=True
    )
    browser_client.post("/eulogin/connexion/sms/renvoyer")
    browser_client.post("/eulogin/connexion/sms/renvoyer")
    assert 'data-testid="resend-exhausted"' in browser_client.text(SMS)
    browser_client.post("/eulogin/connexion/sms/renvoyer")
    arrive(wall)
    latest = browser_client.latest_sms_code()
    wall.advance(SMS_CHALLENGE_LIFETIME)
    assert "a expiré" in browser_client.post(SMS, {"code": latest}).get_data(as_text=True)


def test_logout_ends_the_session(browser_client):
    login_password(browser_client)
    response = browser_client.post("/eulogin/deconnexion?service=traces")
    assert response.headers["Location"].endswith("/traces/")
    assert browser_client.get(NEW).status_code == 302
    assert browser_client.get("/eulogin/compte").status_code == 302


@pytest.mark.parametrize("url", [LOGIN, PASSWORD, SMS, "/eulogin/deconnexion", NEW])
def test_posts_without_csrf_are_400(browser_client, url):
    assert browser_client.post(url, {"email": "a@b.test"}, csrf=False).status_code == 400


def test_pages_render(browser_client):
    assert browser_client.get("/eulogin/").headers["Location"].endswith(LOGIN)
    for url in ("/eulogin/mot-de-passe-perdu", LOGIN):
        assert browser_client.get(url).status_code == 200, url
    assert browser_client.get("/traces/profil").status_code == 302
    login_password(browser_client)
    assert "Mon compte sur EU Login" in browser_client.text("/traces/profil")
    assert browser_client.get("/traces/connexion").headers["Location"].endswith("/traces/")


def test_change_password(browser_client):
    login_password(browser_client)
    _, password, _ = creds(browser_client)
    url = "/eulogin/compte/mot-de-passe"
    bad = browser_client.post(
        url, {"current": "faux", "new": "Nouveau-mot-2026", "confirm": "Nouveau-mot-2026"}
    )
    assert bad.status_code == 400 and "Mot de passe actuel incorrect." in bad.get_data(as_text=True)
    weak = browser_client.post(url, {"current": password, "new": "court", "confirm": "court"})
    assert weak.status_code == 400 and "au moins 12 caractères" in weak.get_data(as_text=True)
    mismatch = browser_client.post(
        url, {"current": password, "new": "Nouveau-mot-2026", "confirm": "autre"}
    )
    assert mismatch.status_code == 400
    assert (
        browser_client.post(
            url, {"current": password, "new": "Nouveau-mot-2026", "confirm": "Nouveau-mot-2026"}
        ).status_code
        == 302
    )
    assert "mot de passe EU Login a été modifié" in browser_client.latest_mail()


@pytest.mark.parametrize("url", ["/traces/", "/eulogin/connexion", "/eulogin/compte/telephones"])
def test_without_a_sandbox_the_browser_is_sent_to_the_sandbox_home(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].endswith("/")


def test_sms_page_offers_cancel_back_to_the_same_service(browser_client, wall):
    login_password(browser_client)
    add_phone(browser_client, wall)
    start_sms_login(browser_client)
    page = browser_client.text(SMS)
    assert 'href="/eulogin/connexion?service=traces" data-testid="sms-cancel"' in page
    assert "jusqu'à 15 minutes" in page
