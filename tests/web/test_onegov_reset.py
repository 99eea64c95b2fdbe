"""« Mot de passe oublié ? »: same answer for everyone, a single-use link that expires."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.store import Account

from .test_onegov_support import (
    code,
    creds,
    enrol,
    login,
    logout,
    reset_link,
    second_device,
    session_cookie,
)

NEW = "Seance-Conseil-2026"


def ask(web, identifier=None):
    return web.post("/onegov/mot-de-passe-oublie", {"identifier": identifier or creds(web)[0]})


def mail_count(web) -> int:
    return web.text("/messagerie/").count('data-testid="mail-item"')


def test_forgotten_page(browser_client):
    page = browser_client.text("/onegov/mot-de-passe-oublie")
    assert "Identifiant ou adresse e-mail" in page


def test_known_and_unknown_get_the_same_answer(browser_client):
    known = ask(browser_client)
    assert known.headers["Location"].endswith("/onegov/mot-de-passe-oublie/envoye")
    assert mail_count(browser_client) == 1
    unknown = ask(browser_client, "personne@collectivite.test")
    assert unknown.headers["Location"] == known.headers["Location"]
    assert mail_count(browser_client) == 1
    assert "Si cette saisie correspond à un compte" in browser_client.text("/onegov/mot-de-passe-oublie/envoye")


def test_the_address_works_too(browser_client):
    ask(browser_client, browser_client.state()["person"]["email"].upper())
    assert "réinitialisation de votre mot de passe" in browser_client.latest_mail()


def test_a_double_click_sends_one_mail(browser_client):
    ask(browser_client)
    ask(browser_client)
    assert mail_count(browser_client) == 1


@pytest.mark.parametrize("identifier, message", [
    ("", "Ce champ est obligatoire."),
    ("x" * 161, "160 caractères au plus."),
    ("g.julien\x00", "caractère de contrôle invisible"),
])
def test_bad_requests(browser_client, identifier, message):
    response = browser_client.post("/onegov/mot-de-passe-oublie", {"identifier": identifier})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("identifier", ["<script>x</script>", "' OR 1=1 --", "１２３"])
def test_odd_identifiers_get_the_usual_answer(browser_client, identifier):
    assert ask(browser_client, identifier).status_code == 302
    assert mail_count(browser_client) == 0


def test_request_needs_csrf(browser_client):
    assert browser_client.post("/onegov/mot-de-passe-oublie", {"identifier": "x"}, csrf=False).status_code == 400


def test_the_token_is_stored_hashed(app, browser_client):
    ask(browser_client)
    token = reset_link(browser_client).rsplit("/", 1)[1]
    with app.extensions["sim.db"].sessions() as db:
        states = [a.state for a in db.query(Account).filter_by(portal="onegov")]
    assert token not in repr(states)


def test_the_link_sets_a_new_password_once(browser_client):
    ask(browser_client)
    link = reset_link(browser_client)
    assert "Définir un nouveau mot de passe" in browser_client.text(link)
    done = browser_client.post(link, {"new": NEW, "confirm": NEW})
    assert done.headers["Location"].endswith("/onegov/connexion")
    assert login(browser_client).status_code == 400
    assert login(browser_client, password=NEW).headers["Location"].endswith("/onegov/seances")
    again = browser_client.get(link)
    assert again.status_code == 410
    assert "déjà servi" in again.get_data(as_text=True)
    assert browser_client.post(link, {"new": NEW + "x", "confirm": NEW + "x"}).status_code == 410
    assert "votre mot de passe a été modifié" in browser_client.latest_mail()


def test_the_link_expires_after_an_hour(browser_client, wall):
    ask(browser_client)
    link = reset_link(browser_client)
    wall.advance(timedelta(minutes=61))
    response = browser_client.get(link)
    assert response.status_code == 410
    assert "expiré" in response.get_data(as_text=True)


def test_a_new_request_voids_the_old_link(browser_client, wall):
    ask(browser_client)
    old = reset_link(browser_client)
    wall.advance(timedelta(minutes=2))
    ask(browser_client)
    assert reset_link(browser_client) != old
    assert browser_client.get(old).status_code == 404


@pytest.mark.parametrize("token", ["abc", "zz" * 24, "a" * 500, "%3Cscript%3E"])
def test_garbage_tokens_answer_404(browser_client, token):
    ask(browser_client)
    assert browser_client.get(f"/onegov/mot-de-passe/nouveau/{token}").status_code == 404


def test_another_sandbox_cannot_use_the_link(browser_client, other_browser):
    ask(browser_client)
    link = reset_link(browser_client)
    assert other_browser.get(link).status_code == 404


@pytest.mark.parametrize("new, confirm, message", [
    ("", "", "Ce champ est obligatoire."),
    ("court1", "court1", "au moins 12 caractères"),
    ("sanschiffresdutout", "sanschiffresdutout", "des lettres et au moins un chiffre"),
    (NEW, NEW + "!", "Les deux mots de passe ne sont pas identiques."),
    ("x" * 201, "x" * 201, "128 caractères au plus."),
])
def test_weak_or_mismatched_passwords(browser_client, new, confirm, message):
    ask(browser_client)
    link = reset_link(browser_client)
    response = browser_client.post(link, {"new": new, "confirm": confirm})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert login(browser_client).status_code == 302  # nothing half-saved
    assert browser_client.get(link).status_code == 200  # the link still serves


def test_the_username_inside_the_password_is_refused(browser_client):
    ask(browser_client)
    link = reset_link(browser_client)
    candidate = creds(browser_client)[0] + "-2026-abcdef"
    response = browser_client.post(link, {"new": candidate, "confirm": candidate})
    assert response.status_code == 400
    assert "ne pas contenir votre identifiant" in response.get_data(as_text=True)


def test_reset_post_needs_csrf(browser_client):
    ask(browser_client)
    assert browser_client.post(reset_link(browser_client), {"new": NEW, "confirm": NEW}, csrf=False).status_code == 400


def test_the_reset_never_skips_the_second_factor(browser_client, wall):
    secret = enrol(browser_client, wall)
    logout(browser_client)
    ask(browser_client)
    browser_client.post(reset_link(browser_client), {"new": NEW, "confirm": NEW})
    response = login(browser_client, password=NEW)
    assert response.headers["Location"].endswith("/onegov/connexion/code")
    ok = browser_client.post("/onegov/connexion/code", {"code": code(secret, wall)})
    assert ok.headers["Location"].endswith("/onegov/seances")


def test_the_reset_logs_out_the_browsers_that_stayed_connected(browser_client, app):
    phone = second_device(app, browser_client)
    assert session_cookie(login(phone, remember=True))
    assert phone.get("/onegov/portail").status_code == 200
    ask(browser_client)
    browser_client.post(reset_link(browser_client), {"new": NEW, "confirm": NEW})
    assert phone.get("/onegov/portail").headers["Location"].endswith("/onegov/connexion")
