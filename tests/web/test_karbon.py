"""Karbon client portal through the test client: invitation, set-up, recovery codes, login.

The helpers at the top play the client's journey as a browser would; the cabinet's tests
reuse them.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from simulator.domain import totp
from simulator.store import Account, Factor, LoginEvent, RecoveryCode
from tests.portals import Karbon, next_code

GOOD_PASSWORD = Karbon.GOOD_PASSWORD


# The journey, step by step ----------------------------------------------------------------


def db_session(app):
    return app.extensions["sim.db"].session()


# Pages and order of the steps ---------------------------------------------------------------


def test_pages_answer(karbon):
    assert karbon.get("/karbon/").location == "/karbon/connexion"
    page = karbon.text("/karbon/connexion")
    assert "Connexion au portail client" in page and 'data-testid="send-invitation"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/karbon/activation",
        "/karbon/configuration-2fa",
        "/karbon/codes-de-recuperation",
        "/karbon/codes-de-recuperation.txt",
        "/karbon/verification",
        "/karbon/verification/code-de-recuperation",
    ],
)
def test_a_step_reached_out_of_order_is_refused(karbon, url):
    response = karbon.get(url)
    assert response.status_code == 302 and response.location == "/karbon/connexion"
    assert "pas disponible" in karbon.text("/karbon/connexion")


@pytest.mark.parametrize(
    "url, data",
    [
        ("/karbon/activation", {"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD}),
        ("/karbon/configuration-2fa", {"code": "123456"}),
        ("/karbon/codes-de-recuperation", {"saved": "y"}),
        ("/karbon/verification", {"code": "123456"}),
        ("/karbon/verification/code-de-recuperation", {"code": "abcd-efgh-jkmn-pqrs"}),
    ],
)
def test_posting_a_later_step_first_is_refused(karbon, url, data):
    assert karbon.post(url, data).location == "/karbon/connexion"


def test_the_code_step_is_refused_during_the_set_up(karbon):
    assert karbon.activate().location == "/karbon/configuration-2fa"
    assert karbon.get("/karbon/verification").location == "/karbon/connexion"
    assert karbon.get("/karbon/codes-de-recuperation").location == "/karbon/connexion"


def test_the_home_page_needs_a_login(karbon):
    assert karbon.get("/karbon/accueil").location == "/karbon/connexion"


@pytest.mark.parametrize(
    "url",
    [
        "/karbon/invitation",
        "/karbon/connexion",
        "/karbon/activation",
        "/karbon/configuration-2fa",
        "/karbon/codes-de-recuperation",
        "/karbon/verification",
        "/karbon/verification/code-de-recuperation",
        "/karbon/deconnexion",
        "/karbon/securite/nouveaux-codes",
    ],
)
def test_a_post_without_csrf_token_is_refused(karbon, url):
    response = karbon.post(url, {}, csrf=False)
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)


# Invitation and password ------------------------------------------------------------------------


def test_the_invitation_mail_carries_a_single_use_link_kept_hashed(karbon, app):
    link = karbon.invitation_link()
    mail = karbon.latest_mail()
    assert (
        "notifications@portail-client.karbon.test" in mail and "Accepter l&#39;invitation" in mail
    )
    token = link.rsplit("/", 1)[1]
    with db_session(app) as db:
        state = db.scalars(select(Account).where(Account.portal == "karbon")).one().state
    assert token not in str(state)
    assert state["invitation"]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert karbon.get(link).location == "/karbon/activation"
    assert (
        karbon.post(
            "/karbon/activation", {"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD}
        ).status_code
        == 302
    )
    used = karbon.get(link)
    assert used.status_code == 410 and "déjà été utilisé" in used.get_data(as_text=True)


def test_an_expired_invitation_is_refused(karbon):
    link = karbon.invitation_link()
    for _ in range(8):
        karbon.post("/horloge/avancer/1jour")
    response = karbon.get(link)
    assert response.status_code == 410 and "expiré" in response.get_data(as_text=True)


def test_a_new_invitation_voids_the_previous_link(karbon):
    first = karbon.invitation_link()
    second = karbon.invitation_link()
    assert first != second
    assert karbon.get(first).status_code == 404
    assert karbon.get(second).location == "/karbon/activation"


@pytest.mark.parametrize("token", ["0" * 48, "abc", "A" * 48, "g" * 48, "0" * 300, "%3Cscript%3E"])
def test_unknown_or_malformed_invitation_tokens_answer_404(karbon, token):
    karbon.invitation_link()
    assert karbon.get(f"/karbon/invitation/{token}").status_code == 404


def test_another_trainees_invitation_link_answers_404(karbon, other_browser):
    link = karbon.invitation_link()
    assert other_browser.get(link).status_code == 404
    assert karbon.get(link).location == "/karbon/activation"


@pytest.mark.parametrize(
    "password, confirm, message",
    [
        ("", "", "Ce champ est obligatoire."),
        ("court1", "court1", "au moins 12 caractères"),
        ("sanschiffreaucun", "sanschiffreaucun", "au moins un chiffre"),
        ("123456789012345", "123456789012345", "des lettres"),
        (GOOD_PASSWORD, "Autre-mot-de-passe-42", "pas identiques"),
        ("x" * 201, "x" * 201, "128 caractères au plus."),
        ("Mot\x01de-passe-2026", "Mot\x01de-passe-2026", "aucun caractère de contrôle"),
        ("<script>alert()</script>", "<script>alert()</script>", "au moins un chiffre"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused_and_nothing_is_saved(
    karbon, password, confirm, message
):
    assert karbon.get(karbon.invitation_link()).location == "/karbon/activation"
    response = karbon.post("/karbon/activation", {"password": password, "confirm": confirm})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert "<script>alert" not in page
    assert karbon.get("/karbon/configuration-2fa").location == "/karbon/connexion"
    assert "modifié par vous" not in karbon.text("/")


def test_a_password_containing_the_user_name_is_refused(karbon):
    assert karbon.get(karbon.invitation_link()).location == "/karbon/activation"
    weak = karbon.creds["username"] + "1"
    response = karbon.post("/karbon/activation", {"password": weak, "confirm": weak})
    assert response.status_code == 400 and "ne pas contenir votre identifiant" in response.get_data(
        as_text=True
    )


def test_before_activation_the_login_is_refused(karbon):
    response = karbon.post(
        "/karbon/connexion",
        {"username": karbon.creds["username"], "password": karbon.creds["password"]},
    )
    assert response.status_code == 400 and "pas encore activé" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "username, password",
    [
        ("", ""),
        ("personne@exemple.test", "x"),
        ("x" * 161, "x"),
        ("' OR 1=1 --", "' OR 1=1 --"),
        ("<b>moi</b>", "\u0661\u0662\u0663"),
    ],
)
def test_bad_logins_get_a_french_message_and_400(karbon, username, password):
    response = karbon.post("/karbon/connexion", {"username": username, "password": password})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert any(
        m in page
        for m in (
            "Ce champ est obligatoire.",
            "Identifiant ou mot de passe incorrect.",
            "trop long",
        )
    )
    assert "<b>moi</b>" not in page


def test_unknown_user_and_wrong_password_get_the_same_answer(karbon, wall):
    karbon.enrol(wall)
    karbon.logout()
    unknown = karbon.post(
        "/karbon/connexion", {"username": "personne@exemple.test", "password": "x"}
    )
    wrong = karbon.login("Mauvais-mot-de-passe-1")
    for response in (unknown, wrong):
        assert response.status_code == 400
        assert "Identifiant ou mot de passe incorrect." in response.get_data(as_text=True)


def test_an_activated_account_gets_no_new_invitation(karbon, wall):
    karbon.enrol(wall)
    karbon.logout()
    karbon.post("/karbon/invitation")
    assert "déjà activé" in karbon.text("/karbon/connexion")


# Set-up by QR code ------------------------------------------------------------------------------


def test_set_up_shows_the_apps_and_a_qr_code_naming_the_simulation(karbon):
    karbon.activate()
    page = karbon.text("/karbon/configuration-2fa")
    for app_name in ("Google Authenticator", "Okta Verify", "Microsoft Authenticator", "Authy"):
        assert app_name in page
    assert "Impossible de scanner ?" in page and 'data-testid="secret-key"' in page
    uri = re.search(r'data-otpauth="([^"]+)"', page).group(1).replace("&amp;", "&")
    entry = totp.parse_uri(uri)
    assert (
        entry.issuer == "Portail client Karbon (simulation)"
        and entry.account_name == karbon.creds["username"]
    )
    assert karbon.shown_secret() == entry.secret  # a reload keeps the same pending secret


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abcdef",
        "12345",
        "1234567",
        "\u0661\u0662\u0663\u0664\u0665\u0666",
        "<script>",
        "' OR 1=1 --",
        "9" * 25,
    ],
)
def test_bad_first_codes_are_refused_and_the_factor_is_not_saved(karbon, app, typed):
    karbon.activate()
    karbon.shown_secret()
    response = karbon.post("/karbon/configuration-2fa", {"code": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "6 chiffres" in page or "six chiffres" in page
    assert "<script>" not in page.split('class="field-error"')[1][:200]
    with db_session(app) as db:
        assert db.scalars(select(Factor)).all() == []


def test_a_wrong_first_code_saves_nothing(karbon, app, wall):
    karbon.activate()
    secret = karbon.shown_secret()
    wrong = totp.code_at(secret, wall.now() + timedelta(minutes=5))
    response = karbon.post("/karbon/configuration-2fa", {"code": wrong})
    assert response.status_code == 400 and "Code incorrect" in response.get_data(as_text=True)
    with db_session(app) as db:
        assert db.scalars(select(Factor)).all() == []
        assert db.scalars(select(RecoveryCode)).all() == []


def test_the_first_code_saves_the_factor_and_ten_hashed_recovery_codes(karbon, app, wall):
    secret, codes = karbon.enrol(wall)
    assert len(codes) == 10 and len(set(codes)) == 10
    with db_session(app) as db:
        factor = db.scalars(select(Factor)).one()
        stored = [r.code_hash for r in db.scalars(select(RecoveryCode))]
    assert factor.secret == secret and factor.name == "karbon"
    assert len(stored) == 10 and not set(codes) & set(stored)
    assert "Une application d&#39;authentification a été associée" in karbon.latest_mail()


# Recovery codes page ------------------------------------------------------------------------


def _to_codes_page(web, wall):
    web.activate()
    secret = web.shown_secret()
    assert (
        web.post(
            "/karbon/configuration-2fa", {"code": totp.code_at(secret, wall.now())}
        ).status_code
        == 302
    )


def test_the_codes_are_downloaded_once_only(karbon, wall):
    _to_codes_page(karbon, wall)
    page = karbon.text("/karbon/codes-de-recuperation")
    codes = re.findall(r'data-testid="recovery-code">([^<]+)<', page)
    assert 'data-testid="copy-codes"' in page and 'data-testid="print-codes"' in page
    response = karbon.get("/karbon/codes-de-recuperation.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert (
        'attachment; filename="codes-recuperation-karbon.txt"'
        == response.headers["Content-Disposition"]
    )
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert all(code in text for code in codes) and karbon.creds["username"] in text
    again = karbon.get("/karbon/codes-de-recuperation.txt")
    assert again.location == "/karbon/codes-de-recuperation"
    assert "déjà été téléchargé" in karbon.text("/karbon/codes-de-recuperation")


def test_going_on_needs_the_saved_confirmation(karbon, wall):
    _to_codes_page(karbon, wall)
    response = karbon.post("/karbon/codes-de-recuperation", {})
    assert response.status_code == 400 and "Cochez la case" in response.get_data(as_text=True)
    assert karbon.get("/karbon/accueil").location == "/karbon/connexion"
    assert (
        karbon.post("/karbon/codes-de-recuperation", {"saved": "y"}).location == "/karbon/accueil"
    )


def test_the_codes_are_never_shown_again(karbon, wall):
    _secret, codes = karbon.enrol(wall)
    assert karbon.get("/karbon/codes-de-recuperation").location == "/karbon/connexion"
    assert karbon.get("/karbon/codes-de-recuperation.txt").location == "/karbon/connexion"
    home = karbon.text("/karbon/accueil")
    assert not any(code in home for code in codes)
    assert 'data-testid="codes-left">10<' in home


# Login with a code ----------------------------------------------------------------------------------


def test_login_with_the_authenticator_code(karbon, app, wall):
    secret, _codes = karbon.enrol(wall)
    karbon.logout()
    assert karbon.login().location == "/karbon/verification"
    assert "Vérifier" in karbon.text("/karbon/verification")
    assert karbon.get("/karbon/accueil").location == "/karbon/connexion"
    assert (
        karbon.post("/karbon/verification", {"code": next_code(wall, secret)}).location
        == "/karbon/accueil"
    )
    assert "Bonjour" in karbon.text("/karbon/accueil")
    with db_session(app) as db:
        events = db.scalars(select(LoginEvent).order_by(LoginEvent.id)).all()
    assert events[-1].success and events[-1].second_factor == "totp"


def test_a_code_already_used_is_refused(karbon, wall):
    secret, _codes = karbon.enrol(wall)
    karbon.logout()
    code = next_code(wall, secret)
    karbon.login()
    assert karbon.post("/karbon/verification", {"code": code}).location == "/karbon/accueil"
    karbon.logout()
    karbon.login()
    response = karbon.post("/karbon/verification", {"code": code})
    assert response.status_code == 400 and "déjà été utilisé" in response.get_data(as_text=True)


def test_one_step_of_drift_is_accepted_two_are_not(karbon, wall):
    secret, _codes = karbon.enrol(wall)
    karbon.logout()
    wall.advance(timedelta(minutes=5))
    karbon.login()
    too_early = totp.code_at(secret, wall.now() - timedelta(seconds=60))
    assert karbon.post("/karbon/verification", {"code": too_early}).status_code == 400
    previous = totp.code_at(secret, wall.now() - timedelta(seconds=30))
    assert karbon.post("/karbon/verification", {"code": previous}).location == "/karbon/accueil"


@pytest.mark.parametrize(
    "typed", ["", "abcdef", "12 34", "\u0661\u0662\u0663\u0664\u0665\u0666", "<b>1</b>", "1" * 21]
)
def test_bad_login_codes_get_a_french_message(karbon, wall, typed):
    karbon.enrol(wall)
    karbon.logout()
    karbon.login()
    response = karbon.post("/karbon/verification", {"code": typed})
    assert response.status_code == 400 and "chiffres" in response.get_data(as_text=True)


def test_five_wrong_codes_lock_the_code_step(karbon, wall):
    secret, _codes = karbon.enrol(wall)
    karbon.logout()
    karbon.login()
    for _ in range(5):
        response = karbon.post(
            "/karbon/verification",
            {"code": "000000" if totp.code_at(secret, wall.now()) != "000000" else "111111"},
        )
    assert response.status_code == 400 and "bloquée jusqu" in response.get_data(as_text=True)
    locked = karbon.post("/karbon/verification", {"code": next_code(wall, secret)})
    assert locked.status_code == 400 and "bloquée jusqu" in locked.get_data(as_text=True)


def test_logout_ends_the_session_on_the_server(karbon, wall):
    karbon.enrol(wall)
    cookie = karbon.client.get_cookie("session_karbon", path="/karbon").value
    karbon.logout()
    karbon.client.set_cookie("session_karbon", cookie, path="/karbon")
    assert karbon.get("/karbon/accueil").location == "/karbon/connexion"


def test_each_login_gets_a_new_session_identifier(karbon, wall):
    secret, _codes = karbon.enrol(wall)
    first = karbon.client.get_cookie("session_karbon", path="/karbon").value
    karbon.logout()
    karbon.login()
    karbon.post("/karbon/verification", {"code": next_code(wall, secret)})
    assert karbon.client.get_cookie("session_karbon", path="/karbon").value != first


# Lost phone: recovery codes -------------------------------------------------------------------


def test_login_with_a_recovery_code_counts_down_and_never_works_twice(karbon, app, wall):
    _secret, codes = karbon.enrol(wall)
    karbon.logout()
    karbon.login()
    assert 'href="/karbon/verification/code-de-recuperation"' in karbon.text("/karbon/verification")
    response = karbon.post(
        "/karbon/verification/code-de-recuperation", {"code": codes[0].upper().replace("-", " ")}
    )
    assert response.location == "/karbon/accueil"
    home = karbon.text("/karbon/accueil")
    assert "Il vous en reste 9" in home and 'data-testid="codes-left">9<' in home
    assert (
        "Un code de récupération vient d&#39;être utilisé" in karbon.latest_mail()
        or "vient d'être utilisé" in karbon.latest_mail()
    )
    karbon.logout()
    karbon.login()
    again = karbon.post("/karbon/verification/code-de-recuperation", {"code": codes[0]})
    assert again.status_code == 400 and "incorrect ou déjà utilisé" in again.get_data(as_text=True)
    with db_session(app) as db:
        events = db.scalars(select(LoginEvent).order_by(LoginEvent.id)).all()
    assert events[-1].success is False and events[-1].second_factor == "recovery"


def test_a_warning_appears_when_few_codes_remain(karbon, wall):
    _secret, codes = karbon.enrol(wall)
    for code in codes[:7]:
        karbon.logout()
        karbon.login()
        assert (
            karbon.post("/karbon/verification/code-de-recuperation", {"code": code}).location
            == "/karbon/accueil"
        )
    home = karbon.text("/karbon/accueil")
    assert "Il ne vous reste que 3 codes" in home and 'data-testid="few-codes"' in home


@pytest.mark.parametrize(
    "typed", ["", "abcd", "0000-0000-0000-0000", "x" * 65, "<script>", "' OR 1=1 --"]
)
def test_bad_recovery_codes_are_refused(karbon, wall, typed):
    karbon.enrol(wall)
    karbon.logout()
    karbon.login()
    response = karbon.post("/karbon/verification/code-de-recuperation", {"code": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert any(
        m in page for m in ("Saisissez l&#39;un", "incorrect ou déjà utilisé", "16 caractères")
    )


def test_new_codes_void_the_old_set(karbon, wall):
    _secret, old = karbon.enrol(wall)
    assert (
        karbon.post("/karbon/securite/nouveaux-codes").location == "/karbon/codes-de-recuperation"
    )
    new = re.findall(
        r'data-testid="recovery-code">([^<]+)<', karbon.text("/karbon/codes-de-recuperation")
    )
    assert len(new) == 10 and not set(new) & set(old)
    assert "nouveaux codes de récupération ont été générés" in karbon.latest_mail()
    assert (
        karbon.post("/karbon/codes-de-recuperation", {"saved": "y"}).location == "/karbon/accueil"
    )
    assert karbon.get("/karbon/codes-de-recuperation").location == "/karbon/connexion"
    karbon.logout()
    karbon.login()
    assert (
        karbon.post("/karbon/verification/code-de-recuperation", {"code": old[1]}).status_code
        == 400
    )
    assert (
        karbon.post("/karbon/verification/code-de-recuperation", {"code": new[1]}).location
        == "/karbon/accueil"
    )


def test_new_codes_need_a_login(karbon):
    assert karbon.post("/karbon/securite/nouveaux-codes").location == "/karbon/connexion"


# When the firm does not require 2FA ---------------------------------------------------------------


def test_without_the_requirement_the_client_logs_in_with_the_password_only(karbon):
    karbon.post("/karbon-cabinet/parametres", {})
    assert karbon.activate().location == "/karbon/accueil"
    assert "2FA non exigée" in karbon.text("/karbon/accueil")
    karbon.logout()
    assert karbon.login().location == "/karbon/accueil"


def test_when_the_firm_starts_requiring_2fa_the_next_login_goes_through_set_up(karbon):
    karbon.post("/karbon-cabinet/parametres", {})
    karbon.activate()
    karbon.logout()
    karbon.post("/karbon-cabinet/parametres", {"require_2fa": "y"})
    assert karbon.login().location == "/karbon/configuration-2fa"


def test_codes_left_unconfirmed_are_dropped_from_the_session_at_logout(karbon, app, wall):
    from simulator.store import PortalSession

    karbon.enrol(wall)
    karbon.post("/karbon/securite/nouveaux-codes")
    karbon.logout()
    with db_session(app) as db:
        assert all(
            not (row.data or {}).get("recovery_codes") for row in db.scalars(select(PortalSession))
        )


def test_portal_pages_need_a_sandbox(client):
    for url in ("/karbon/connexion", "/karbon/accueil", "/karbon-cabinet/"):
        response = client.get(url)
        assert response.status_code == 302 and response.location == "/"


def test_a_password_form_opened_from_a_replaced_invitation_saves_nothing(karbon):
    assert karbon.get(karbon.invitation_link()).location == "/karbon/activation"
    karbon.invitation_link()  # the firm sends a new invitation meanwhile
    response = karbon.post(
        "/karbon/activation", {"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD}
    )
    assert response.status_code == 410 and "plus valable" in response.get_data(as_text=True)
    assert "modifié par vous" not in karbon.text("/")
    assert karbon.get("/karbon/activation").location == "/karbon/connexion"
