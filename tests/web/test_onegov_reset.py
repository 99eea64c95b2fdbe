"""« Mot de passe oublié ? »: same answer for everyone, a single-use link that expires."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.store import Account
from tests.portals import code_at, session_cookie

NEW = "Seance-Conseil-2026"


def ask(web, identifier=None):
    return web.post(
        "/onegov/mot-de-passe-oublie", {"identifier": identifier or web.credentials()[0]}
    )


def mail_count(web) -> int:
    return web.text("/messagerie/").count('data-testid="mail-item"')


def test_forgotten_page(onegov):
    page = onegov.text("/onegov/mot-de-passe-oublie")
    assert "Identifiant ou adresse e-mail" in page


def test_known_and_unknown_get_the_same_answer(onegov):
    known = ask(onegov)
    assert known.headers["Location"].endswith("/onegov/mot-de-passe-oublie/envoye")
    assert mail_count(onegov) == 1
    unknown = ask(onegov, "personne@collectivite.test")
    assert unknown.headers["Location"] == known.headers["Location"]
    assert mail_count(onegov) == 1
    assert "Si cette saisie correspond à un compte" in onegov.text(
        "/onegov/mot-de-passe-oublie/envoye"
    )


def test_the_address_works_too(onegov):
    ask(onegov, onegov.state()["person"]["email"].upper())
    assert "réinitialisation de votre mot de passe" in onegov.latest_mail()


def test_a_double_click_sends_one_mail(onegov):
    ask(onegov)
    ask(onegov)
    assert mail_count(onegov) == 1


@pytest.mark.parametrize(
    "identifier, message",
    [
        ("", "Ce champ est obligatoire."),
        ("x" * 161, "160 caractères au plus."),
        ("g.julien\x00", "caractère de contrôle invisible"),
    ],
)
def test_bad_requests(onegov, identifier, message):
    response = onegov.post("/onegov/mot-de-passe-oublie", {"identifier": identifier})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("identifier", ["<script>x</script>", "' OR 1=1 --", "１２３"])
def test_odd_identifiers_get_the_usual_answer(onegov, identifier):
    assert ask(onegov, identifier).status_code == 302
    assert mail_count(onegov) == 0


def test_request_needs_csrf(onegov):
    assert (
        onegov.post("/onegov/mot-de-passe-oublie", {"identifier": "x"}, csrf=False).status_code
        == 400
    )


def test_the_token_is_stored_hashed(app, onegov):
    ask(onegov)
    token = onegov.reset_link().rsplit("/", 1)[1]
    with app.extensions["sim.db"].sessions() as db:
        states = [a.state for a in db.query(Account).filter_by(portal="onegov")]
    assert token not in repr(states)


def test_the_link_sets_a_new_password_once(onegov):
    ask(onegov)
    link = onegov.reset_link()
    assert "Définir un nouveau mot de passe" in onegov.text(link)
    done = onegov.post(link, {"new": NEW, "confirm": NEW})
    assert done.headers["Location"].endswith("/onegov/connexion")
    assert onegov.login().status_code == 400
    assert onegov.login(password=NEW).headers["Location"].endswith("/onegov/seances")
    again = onegov.get(link)
    assert again.status_code == 410
    assert "déjà servi" in again.get_data(as_text=True)
    assert onegov.post(link, {"new": NEW + "x", "confirm": NEW + "x"}).status_code == 410
    assert "votre mot de passe a été modifié" in onegov.latest_mail()


def test_the_link_expires_after_an_hour(onegov, wall):
    ask(onegov)
    link = onegov.reset_link()
    wall.advance(timedelta(minutes=61))
    response = onegov.get(link)
    assert response.status_code == 410
    assert "expiré" in response.get_data(as_text=True)


def test_a_new_request_voids_the_old_link(onegov, wall):
    ask(onegov)
    old = onegov.reset_link()
    wall.advance(timedelta(minutes=2))
    ask(onegov)
    assert onegov.reset_link() != old
    assert onegov.get(old).status_code == 404


@pytest.mark.parametrize("token", ["abc", "zz" * 24, "a" * 500, "%3Cscript%3E"])
def test_garbage_tokens_answer_404(onegov, token):
    ask(onegov)
    assert onegov.get(f"/onegov/mot-de-passe/nouveau/{token}").status_code == 404


def test_another_sandbox_cannot_use_the_link(onegov, other_browser):
    ask(onegov)
    link = onegov.reset_link()
    assert other_browser.get(link).status_code == 404


@pytest.mark.parametrize(
    "new, confirm, message",
    [
        ("", "", "Ce champ est obligatoire."),
        ("court1", "court1", "au moins 12 caractères"),
        ("sanschiffresdutout", "sanschiffresdutout", "des lettres et au moins un chiffre"),
        (NEW, NEW + "!", "Les deux mots de passe ne sont pas identiques."),
        ("x" * 201, "x" * 201, "128 caractères au plus."),
    ],
)
def test_weak_or_mismatched_passwords(onegov, new, confirm, message):
    ask(onegov)
    link = onegov.reset_link()
    response = onegov.post(link, {"new": new, "confirm": confirm})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert onegov.login().status_code == 302  # nothing half-saved
    assert onegov.get(link).status_code == 200  # the link still serves


def test_the_username_inside_the_password_is_refused(onegov):
    ask(onegov)
    link = onegov.reset_link()
    candidate = onegov.credentials()[0] + "-2026-abcdef"
    response = onegov.post(link, {"new": candidate, "confirm": candidate})
    assert response.status_code == 400
    assert "ne pas contenir votre identifiant" in response.get_data(as_text=True)


def test_reset_post_needs_csrf(onegov):
    ask(onegov)
    assert (
        onegov.post(onegov.reset_link(), {"new": NEW, "confirm": NEW}, csrf=False).status_code
        == 400
    )


def test_the_reset_never_skips_the_second_factor(onegov, wall):
    secret = onegov.enrol(wall)
    onegov.logout()
    ask(onegov)
    onegov.post(onegov.reset_link(), {"new": NEW, "confirm": NEW})
    response = onegov.login(password=NEW)
    assert response.headers["Location"].endswith("/onegov/connexion/code")
    ok = onegov.post("/onegov/connexion/code", {"code": code_at(secret, wall)})
    assert ok.headers["Location"].endswith("/onegov/seances")


def test_the_reset_logs_out_the_browsers_that_stayed_connected(onegov, app):
    phone = onegov.second_device(app)
    assert session_cookie(phone.login(remember=True))
    assert phone.get("/onegov/portail").status_code == 200
    ask(onegov)
    onegov.post(onegov.reset_link(), {"new": NEW, "confirm": NEW})
    assert phone.get("/onegov/portail").headers["Location"].endswith("/onegov/connexion")
