"""EU Login's login: e-mail, password and method, SMS « challenge » code; TRACES NT's
certificate blocked until the session was opened with « Téléphone portable + SMS »."""

from __future__ import annotations

import pytest

from tests.portals import EuLogin

LOGIN, PASSWORD, SMS = EuLogin.LOGIN, EuLogin.PASSWORD, EuLogin.SMS
arrive = EuLogin.arrive

NEW = "/traces/certificats/nouveau"


def test_traces_home_shows_the_mfa_notice(eulogin):
    page = eulogin.text("/traces/")
    assert "11 juin 2024" in page and "certificat intracommunautaire" in page
    assert 'id="traces-login"' in page


def test_traces_login_goes_to_eulogin(eulogin):
    response = eulogin.get("/traces/connexion")
    assert response.headers["Location"].endswith("/eulogin/connexion?service=traces")


def test_password_page_offers_password_only_without_a_phone(eulogin):
    email, _, _ = eulogin.credentials()
    eulogin.enter_address()
    page = eulogin.text(PASSWORD)
    welcome = f'Bienvenue <strong data-testid="welcome-email">{email}</strong> (Externe)'
    assert welcome in page.replace("<wbr>", "")  # the address may wrap after « @ », before dots
    assert 'id="method-password"' in page and 'id="method-sms"' not in page
    assert "Mot de passe perdu ?" in page and "autre adresse électronique" in page


def test_password_login_then_certificate_blocked(eulogin):
    response = eulogin.login_password()
    assert response.status_code == 302 and response.headers["Location"].endswith("/traces/")
    assert "Mot de passe seul" in eulogin.text("/traces/")
    blocked = eulogin.get(NEW)
    assert blocked.status_code == 403
    assert "Authentification multifactorielle requise" in blocked.get_data(as_text=True)
    assert eulogin.post(NEW, {"goods": "bovins", "destination": "BE"}).status_code == 403
    assert 'data-testid="no-certificate"' in eulogin.text("/traces/")


def test_adding_a_phone_does_not_unblock_a_password_session(eulogin, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    assert eulogin.get(NEW).status_code == 403


def test_sms_login_unblocks_the_certificate(eulogin, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.enter_address()
    page_after_phone = eulogin.text(PASSWORD)
    assert 'id="method-sms"' in page_after_phone and "Téléphone portable + SMS" in page_after_phone
    response = eulogin.login_sms(wall)
    assert response.status_code == 302 and response.headers["Location"].endswith("/traces/")
    assert "Téléphone portable + SMS" in eulogin.text("/traces/")
    assert eulogin.get(NEW).status_code == 200
    created = eulogin.post(NEW, {"goods": "bovins", "destination": "BE"})
    assert created.status_code == 302
    reference_page = eulogin.get(created.headers["Location"])
    assert "INTRA.FR.2026.0000001" in reference_page.get_data(as_text=True)
    assert "INTRA.FR.2026.0000001" in eulogin.text("/traces/")


@pytest.mark.parametrize(
    "data",
    [
        {"goods": "licornes", "destination": "BE"},
        {"goods": "bovins", "destination": "XX"},
        {"goods": "", "destination": ""},
        {"goods": "<script>", "destination": "' OR 1=1"},
    ],
)
def test_bad_certificate_choices(eulogin, wall, data):
    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.login_sms(wall)
    response = eulogin.post(NEW, data)
    assert (
        response.status_code == 400
        and "Choisissez une valeur dans la liste." in response.get_data(as_text=True)
    )


def test_foreign_or_unknown_certificate_is_404(eulogin, other_browser, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.login_sms(wall)
    eulogin.post(NEW, {"goods": "bovins", "destination": "BE"})
    EuLogin.of(other_browser).login_password()
    assert other_browser.get("/traces/certificats/INTRA.FR.2026.0000001").status_code == 404
    assert eulogin.get("/traces/certificats/INTRA.FR.2026.9999999").status_code == 404


def test_sms_with_an_unregistered_number(eulogin, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    _, password, _ = eulogin.credentials()
    eulogin.enter_address(service=None)
    response = eulogin.post(
        PASSWORD, {"password": password, "method": "sms", "phone": "+33 6 39 98 00 00"}
    )
    assert response.status_code == 400 and "pas enregistré" in response.get_data(as_text=True)
    response = eulogin.post(
        PASSWORD, {"password": password, "method": "sms", "phone": "0612345678"}
    )
    assert response.status_code == 400 and "indicatif du pays" in response.get_data(as_text=True)


def test_sms_method_refused_without_a_phone(eulogin):
    _, password, mobile = eulogin.credentials()
    eulogin.enter_address(service=None)
    response = eulogin.post(PASSWORD, {"password": password, "method": "sms", "phone": mobile})
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
def test_bad_emails(eulogin, email):
    response = eulogin.post(LOGIN, {"email": email})
    assert response.status_code == 400 and "adresse électronique" in response.get_data(as_text=True)


def test_wrong_password_and_unknown_address_look_the_same(eulogin):
    _, password, _ = eulogin.credentials()
    eulogin.post(LOGIN, {"email": "personne@collectivite.test"})
    unknown = eulogin.post(PASSWORD, {"password": password, "method": "password"}).get_data(
        as_text=True
    )
    eulogin.enter_address(service=None)
    wrong = eulogin.post(PASSWORD, {"password": "mauvais", "method": "password"}).get_data(
        as_text=True
    )
    assert (
        "Identifiant ou mot de passe incorrect." in unknown
        and "Identifiant ou mot de passe incorrect." in wrong
    )


def test_other_address_restarts(eulogin):
    eulogin.enter_address()
    response = eulogin.get("/eulogin/connexion/autre-adresse")
    assert response.headers["Location"].endswith("/eulogin/connexion?service=traces")
    assert eulogin.get(PASSWORD).status_code == 302


@pytest.mark.parametrize("url", [PASSWORD, SMS])
def test_out_of_order_steps_are_refused(eulogin, url):
    response = eulogin.get(url)
    assert response.status_code == 302 and response.headers["Location"].endswith(LOGIN)
    assert eulogin.post("/eulogin/connexion/sms/renvoyer").status_code == 302


def test_sms_page_needs_the_password_first(eulogin, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.enter_address(service=None)
    assert eulogin.get(SMS).status_code == 302  # password step not passed


def test_sms_login_wrong_code_expiry_and_resend_limit(eulogin, wall):
    from simulator.domain.codes import SMS_CHALLENGE_LIFETIME

    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.start_sms_login()
    arrive(wall)
    code = eulogin.latest_sms_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert "Il vous reste 4 essais" in eulogin.post(SMS, {"code": wrong}).get_data(as_text=True)
    eulogin.post("/eulogin/connexion/sms/renvoyer")
    eulogin.post("/eulogin/connexion/sms/renvoyer")
    assert 'data-testid="resend-exhausted"' in eulogin.text(SMS)
    eulogin.post("/eulogin/connexion/sms/renvoyer")
    arrive(wall)
    latest = eulogin.latest_sms_code()
    wall.advance(SMS_CHALLENGE_LIFETIME)
    assert "a expiré" in eulogin.post(SMS, {"code": latest}).get_data(as_text=True)


def test_logout_ends_the_session(eulogin):
    eulogin.login_password()
    response = eulogin.post("/eulogin/deconnexion?service=traces")
    assert response.headers["Location"].endswith("/traces/")
    assert eulogin.get(NEW).status_code == 302
    assert eulogin.get("/eulogin/compte").status_code == 302


@pytest.mark.parametrize("url", [LOGIN, PASSWORD, SMS, "/eulogin/deconnexion", NEW])
def test_posts_without_csrf_are_400(eulogin, url):
    assert eulogin.post(url, {"email": "a@b.test"}, csrf=False).status_code == 400


def test_pages_render(eulogin):
    assert eulogin.get("/eulogin/").headers["Location"].endswith(LOGIN)
    for url in ("/eulogin/mot-de-passe-perdu", LOGIN):
        assert eulogin.get(url).status_code == 200, url
    assert eulogin.get("/traces/profil").status_code == 302
    eulogin.login_password()
    assert "Mon compte sur EU Login" in eulogin.text("/traces/profil")
    assert eulogin.get("/traces/connexion").headers["Location"].endswith("/traces/")


def test_change_password(eulogin):
    eulogin.login_password()
    _, password, _ = eulogin.credentials()
    url = "/eulogin/compte/mot-de-passe"
    bad = eulogin.post(
        url, {"current": "faux", "new": "Nouveau-mot-2026", "confirm": "Nouveau-mot-2026"}
    )
    assert bad.status_code == 400 and "Mot de passe actuel incorrect." in bad.get_data(as_text=True)
    weak = eulogin.post(url, {"current": password, "new": "court", "confirm": "court"})
    assert weak.status_code == 400 and "au moins 12 caractères" in weak.get_data(as_text=True)
    mismatch = eulogin.post(
        url, {"current": password, "new": "Nouveau-mot-2026", "confirm": "autre"}
    )
    assert mismatch.status_code == 400
    assert (
        eulogin.post(
            url, {"current": password, "new": "Nouveau-mot-2026", "confirm": "Nouveau-mot-2026"}
        ).status_code
        == 302
    )
    assert "mot de passe EU Login a été modifié" in eulogin.latest_mail()


@pytest.mark.parametrize("url", ["/traces/", "/eulogin/connexion", "/eulogin/compte/telephones"])
def test_without_a_sandbox_the_browser_is_sent_to_the_sandbox_home(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].endswith("/")


def test_sms_page_offers_cancel_back_to_the_same_service(eulogin, wall):
    eulogin.login_password()
    eulogin.add_phone(wall)
    eulogin.start_sms_login()
    page = eulogin.text(SMS)
    assert 'href="/eulogin/connexion?service=traces" data-testid="sms-cancel"' in page
    assert "jusqu'à 15 minutes" in page
