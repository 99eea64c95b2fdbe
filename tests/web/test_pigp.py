"""PIGP through the test client: every route, every error path, seed 000's rules."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from simulator.store import Challenge, LoginEvent, TrustedDevice
from tests.portals import Pigp


def advance_sandbox(web, step):
    assert web.post(f"/horloge/avancer/{step}").status_code == 302


def test_pages_answer(pigp):
    for url, status in [
        ("/pigp/", 302),
        ("/pigp/connexion", 200),
        ("/pigp/aide", 200),
        ("/pigp/pixt", 200),
        ("/pigp/poste-de-confiance", 200),
        ("/pigp/accueil", 302),
        ("/pigp/code", 302),
    ]:
        assert pigp.get(url).status_code == status, url


def test_first_login_sends_a_code_by_mail_and_installs_the_trust_cookie(pigp):
    response = pigp.login()
    assert response.status_code == 302 and response.location == "/pigp/code"
    page = pigp.text("/pigp/code")
    assert "ne-pas-repondre@dgfip.finances.gouv.fr" in page
    masked = re.search(r'data-testid="masked-address">([^<]+)<', page).group(1)
    assert "*" in masked and masked.endswith("@collectivite.test")
    mail = pigp.latest_mail()
    assert "ne-pas-repondre@dgfip.finances.gouv.fr" in mail
    response = pigp.post("/pigp/code", {"code": pigp.latest_code()})
    assert response.location == "/pigp/accueil"
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("pigp_poste_confiance=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/pigp" in cookie
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert 180 * 86400 <= max_age <= 183 * 86400
    assert "Bienvenue" in pigp.text("/pigp/accueil")


def test_second_login_with_the_cookie_asks_no_code(pigp):
    pigp.full_login()
    pigp.post("/pigp/deconnexion")
    assert pigp.get("/pigp/accueil").status_code == 302
    response = pigp.login()
    assert response.location == "/pigp/accueil"
    assert "Poste de confiance reconnu" in pigp.text("/pigp/accueil")


def test_after_six_months_the_code_is_asked_again(pigp):
    pigp.full_login()
    advance_sandbox(pigp, "6mois")
    assert "expiré" in pigp.text("/pigp/poste-de-confiance")
    assert pigp.login().location == "/pigp/code"


def test_forgetting_the_workstation_revokes_the_cookie(pigp, app):
    pigp.full_login()
    response = pigp.post("/pigp/poste-de-confiance/oublier")
    assert response.status_code == 302
    with app.extensions["sim.db"].session() as db:
        assert db.scalars(select(TrustedDevice)).one().revoked_at is not None
    assert pigp.login().location == "/pigp/code"


def test_a_tampered_trust_cookie_is_ignored(pigp):
    pigp.full_login()
    pigp.client.set_cookie("pigp_poste_confiance", "WzEsImZhdXgiXQ.falsifie", path="/pigp")
    assert pigp.login().location == "/pigp/code"


def test_another_trainees_cookie_is_ignored(pigp, other_browser):
    pigp.full_login()
    stolen = pigp.client.get_cookie("pigp_poste_confiance", path="/pigp").value
    other = Pigp.of(other_browser)
    other.client.set_cookie("pigp_poste_confiance", stolen, path="/pigp")
    assert other.login().location == "/pigp/code"


def test_changing_the_password_with_pixt_voids_the_trust(pigp):
    pigp.full_login()
    new = "Nouveau-mot-de-passe-42"
    response = pigp.post(
        "/pigp/pixt",
        {
            "username": pigp.creds["username"],
            "current": pigp.creds["password"],
            "new": new,
            "confirm": new,
        },
    )
    assert response.status_code == 302
    assert pigp.login(new).location == "/pigp/code"


@pytest.mark.parametrize(
    "new, confirm, message",
    [
        ("court1", "court1", "au moins 12 caractères"),
        ("sanschiffreaucun", "sanschiffreaucun", "au moins un chiffre"),
        ("Nouveau-mot-de-passe-42", "Autre-mot-de-passe-42", "pas identiques"),
    ],
)
def test_pixt_refuses_weak_or_mismatched_passwords(pigp, new, confirm, message):
    response = pigp.post(
        "/pigp/pixt",
        {
            "username": pigp.creds["username"],
            "current": pigp.creds["password"],
            "new": new,
            "confirm": confirm,
        },
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_pixt_with_a_wrong_current_password(pigp):
    response = pigp.post(
        "/pigp/pixt",
        {
            "username": pigp.creds["username"],
            "current": "faux",
            "new": "Nouveau-mot-de-passe-42",
            "confirm": "Nouveau-mot-de-passe-42",
        },
    )
    assert response.status_code == 400
    assert "Identifiant ou mot de passe incorrect" in response.get_data(as_text=True)


def test_a_six_digit_password_gets_the_password_versus_code_hint(pigp):
    response = pigp.login("123456")
    assert response.status_code == 400
    assert "ne pas confondre le mot de passe et le code" in response.get_data(as_text=True)


def test_unknown_identifier_and_wrong_password_get_the_same_answer(pigp):
    unknown = pigp.post("/pigp/connexion", {"username": "personne", "password": "x"}).get_data(
        as_text=True
    )
    wrong = pigp.login("mauvais").get_data(as_text=True)
    for page in (unknown, wrong):
        assert "Identifiant ou mot de passe incorrect." in page


def test_five_wrong_passwords_lock_the_login(pigp):
    for _ in range(5):
        pigp.login("mauvais")
    page = pigp.login().get_data(as_text=True)
    assert "bloquée jusqu" in page


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abcdef",
        "12345",
        "1234567",
        "x" * 10_000,
        "١٢٣٤٥٦",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "12\x0034",
    ],
)
def test_bad_codes_get_a_french_message_and_never_a_500(pigp, typed):
    pigp.login()
    response = pigp.post("/pigp/code", {"code": typed})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "6 chiffres" in page or "Saisissez le code" in page or "caractère de contrôle" in page
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "username", "Ce champ est obligatoire."),
        ({"username": ""}, "username", "Ce champ est obligatoire."),
        ({"username": "a" * 10_000, "password": "b"}, "username", "Identifiant trop long."),
        (
            {"username": "é" * 50, "password": "<b>"},
            "password",
            "Identifiant ou mot de passe incorrect.",
        ),
    ],
)
def test_bad_login_forms(pigp, data, field, message):
    response = pigp.post("/pigp/connexion", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<a href="#{field}">{message}</a>' in page  # the summary leads to the field at fault


def test_a_code_with_spaces_is_accepted(pigp):
    pigp.login()
    code = pigp.latest_code()
    assert pigp.post("/pigp/code", {"code": f"{code[:3]} {code[3:]}"}).location == "/pigp/accueil"


def test_the_code_expires_after_thirty_minutes(pigp):
    pigp.login()
    code = pigp.latest_code()
    advance_sandbox(pigp, "30min")
    response = pigp.post("/pigp/code", {"code": code})
    assert response.status_code == 400
    assert "expiré" in response.get_data(as_text=True)


def test_a_new_code_voids_the_previous_one_and_keeps_the_failure_count(pigp):
    pigp.login()
    first = pigp.latest_code()
    for _ in range(2):
        pigp.post("/pigp/code", {"code": "000000" if first != "000000" else "111111"})
    assert pigp.post("/pigp/code/nouveau").location == "/pigp/code"
    second = pigp.latest_code()
    page = pigp.post("/pigp/code", {"code": first}).get_data(as_text=True)
    assert "remplacé" in page or "incorrect" in page
    assert "Il vous reste 2 essais" in page  # three failures counted, not reset by the new code
    assert pigp.post("/pigp/code", {"code": second}).location == "/pigp/accueil"


def test_five_wrong_codes_lock_even_the_right_code(pigp):
    pigp.login()
    code = pigp.latest_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        pigp.post("/pigp/code", {"code": wrong})
    page = pigp.post("/pigp/code", {"code": code}).get_data(as_text=True)
    assert "bloquée jusqu" in page


def test_resending_is_limited(pigp):
    pigp.login()
    for _ in range(4):
        pigp.post("/pigp/code/nouveau")
    pigp.post("/pigp/code/nouveau")
    assert "Trop de codes demandés" in pigp.text("/pigp/code")


def test_leaving_the_code_page_cancels_the_login(pigp, app):
    pigp.login()
    code = pigp.latest_code()
    assert pigp.post("/pigp/code/abandon").status_code == 204
    response = pigp.get("/pigp/code")
    assert response.location == "/pigp/connexion"
    assert "quitté la page du code" in pigp.text("/pigp/connexion")
    response = pigp.post("/pigp/code", {"code": code})
    assert response.status_code == 302 and response.location == "/pigp/connexion"
    assert pigp.client.get_cookie("pigp_poste_confiance", path="/pigp") is None
    with app.extensions["sim.db"].session() as db:
        assert db.scalars(select(Challenge)).one().voided_at is not None
        event = db.scalars(select(LoginEvent)).one()
        assert not event.success and "interrompue" in event.reason


def test_going_back_to_the_login_page_also_cancels(pigp):
    pigp.login()
    pigp.get("/pigp/connexion")
    assert pigp.get("/pigp/code").location == "/pigp/connexion"


def test_code_sent_to_spam_by_a_filter_rule(pigp):
    assert (
        pigp.post("/messagerie/regles", {"sender_contains": "dgfip", "folder": "spam"}).status_code
        == 302
    )
    pigp.login()
    assert "Aucun message" in pigp.text("/messagerie/")
    assert pigp.post("/pigp/code", {"code": pigp.latest_code("spam")}).location == "/pigp/accueil"


def test_wrong_address_fault_sends_the_code_nowhere(pigp):
    pigp.client.post("/_sim/faults", json={"wrong_address": True})
    pigp.login()
    assert "Aucun message" in pigp.text("/messagerie/")
    assert "Aucun message" in pigp.text("/messagerie/spam")


def test_a_post_without_csrf_token_is_refused(pigp):
    response = pigp.post(
        "/pigp/connexion",
        {"username": pigp.creds["username"], "password": pigp.creds["password"]},
        csrf=False,
    )
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)


def test_logout_ends_the_session_on_the_server(pigp):
    pigp.full_login()
    old = pigp.client.get_cookie("session_pigp", path="/pigp").value
    pigp.post("/pigp/deconnexion")
    pigp.client.set_cookie("session_pigp", old, path="/pigp")
    assert pigp.get("/pigp/accueil").status_code == 302


def test_a_new_session_identifier_at_login(pigp):
    pigp.login()
    pending = pigp.client.get_cookie("session_pigp", path="/pigp").value
    pigp.post("/pigp/code", {"code": pigp.latest_code()})
    assert pigp.client.get_cookie("session_pigp", path="/pigp").value != pending


def test_portal_pages_without_a_sandbox_lead_to_the_home_page(client):
    response = client.get("/pigp/connexion")
    assert response.status_code == 302 and response.location == "/"


def test_trust_page_history_says_why_the_code_was_asked(pigp, wall):
    pigp.full_login()
    page = pigp.text("/pigp/poste-de-confiance")
    assert "aucun cookie de confiance" in page
    assert 'data-state="valid"' in page
    wall.advance(timedelta(minutes=1))
