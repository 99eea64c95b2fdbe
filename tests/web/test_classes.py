"""A class on one server: instructor pages, joining, progress, isolation, two instances."""

from __future__ import annotations

import re

import pytest

from simulator import create_app
from tests.classroom import PASSWORD, Instructor, join  # noqa: F401 - also read by other tests
from tests.conftest import make_test_config
from tests.helpers import Browser, csrf_from


@pytest.fixture
def app(tmp_path):
    application = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD))
    yield application
    application.extensions["sim.db"].dispose()


@pytest.fixture
def instructor(app):
    teacher = Instructor(app.test_client())
    assert teacher.login().status_code == 302
    return teacher


@pytest.mark.parametrize(
    "url",
    [
        "/formateur/",
        "/formateur/classes/1",
        "/formateur/classes/1/fiches",
        "/formateur/classes/1/progression.json",
        "/formateur/stagiaires/" + "a" * 32,
    ],
)
def test_instructor_pages_are_refused_without_the_password(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/formateur/connexion" in response.location


def test_a_wrong_instructor_password_is_refused(app):
    teacher = Instructor(app.test_client())
    response = teacher.login("devine")
    assert response.status_code == 400
    assert "incorrect" in response.get_data(as_text=True)
    assert teacher.client.get("/formateur/").status_code == 302


def test_no_instructor_password_configured_means_no_entry(tmp_path):
    application = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=None))
    teacher = Instructor(application.test_client())
    assert teacher.login("").status_code == 400
    assert teacher.login("None").status_code == 400


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "size": "3"}, "nom"),
        ({"name": "x", "size": "0"}, "Entre 1"),
        ({"name": "x", "size": "500"}, "Entre 1"),
        ({"name": "x", "size": "abc"}, "pas un entier valide"),
        ({"name": "x" * 500, "size": "2"}, "80 caractères"),
    ],
)
def test_bad_class_forms(instructor, data, message):
    response = instructor.post("/formateur/", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_class_of_three_roster_join_and_live_progress(app, instructor):
    class_url = instructor.create_class(3)
    codes = instructor.passcodes(class_url)
    assert len(codes) == 3 and len(set(codes)) == 3
    roster = instructor.client.get(class_url + "/fiches").get_data(as_text=True)
    assert roster.count("<svg") >= 3 and "/rejoindre" in roster

    trainees = [join(app, code.lower()) for code in codes]
    names = {t.state()["person"]["full_name"] for t in trainees}
    assert len(names) >= 2  # three generated people, not one shared sandbox

    first = trainees[0]
    creds = first.state()["accounts"]["pigp"]
    first.post("/pigp/connexion", {"username": creds["username"], "password": creds["password"]})
    first.post("/pigp/code", {"code": first.latest_code()})
    assert "terminé" in first.text("/progression")

    rows = instructor.client.get(class_url + "/progression.json").get_json()["rows"]
    done = [r["done"]["pigp-premiere-connexion"] for r in rows]
    assert sorted(done) == [False, False, True]


def test_an_unknown_passcode_is_refused(app):
    web = Browser(app.test_client())
    token = csrf_from(web.client.get("/rejoindre").get_data(as_text=True))
    response = web.client.post("/rejoindre", data={"passcode": "ZZZZZZ", "csrf_token": token})
    assert response.status_code == 400
    assert "Code inconnu" in response.get_data(as_text=True)


def test_instructor_controls_a_trainee(app, instructor):
    class_url = instructor.create_class(1)
    page = instructor.client.get(class_url).get_data(as_text=True)
    sandbox_id = re.search(r"/formateur/stagiaires/(\w+)", page).group(1)
    trainee = join(app, instructor.passcodes(class_url)[0])
    assert instructor.post(f"/formateur/stagiaires/{sandbox_id}/horloge/1jour").status_code == 302
    assert trainee.state()["now"].startswith("2026-03-03")
    assert (
        instructor.post(
            f"/formateur/stagiaires/{sandbox_id}", {"mail_to_spam": "y", "mail_delay_minutes": "0"}
        ).status_code
        == 302
    )
    creds = trainee.state()["accounts"]["pigp"]
    trainee.post("/pigp/connexion", {"username": creds["username"], "password": creds["password"]})
    assert trainee.latest_code("spam")
    assert instructor.post(f"/formateur/stagiaires/{sandbox_id}/recommencer").status_code == 302
    assert "Aucun message" in trainee.text("/messagerie/spam")
    assert instructor.post(f"/formateur/stagiaires/{sandbox_id}/horloge/10ans").status_code == 404
    assert instructor.client.get("/formateur/stagiaires/" + "0" * 32).status_code == 404


def test_a_personal_sandbox_still_works_beside_a_class(app, instructor, browser_client):
    instructor.create_class(2)
    assert "Bonjour" in browser_client.text("/")
    assert browser_client.state()["id"]


def test_fault_exercise_switches_its_incident_on(browser_client):
    response = browser_client.post("/progression/pigp-code-indesirable/incident")
    assert response.status_code == 302
    assert "incident actif" in browser_client.text("/progression")
    assert browser_client.post("/progression/pigp-premiere-connexion/incident").status_code == 404


def test_wrong_address_exercise_is_done_by_reading_who_to_contact(browser_client):
    browser_client.post("/progression/pigp-adresse-erronee/incident")
    assert 'data-testid="status-pigp-adresse-erronee"><span class="tag">' in browser_client.text(
        "/progression"
    )
    browser_client.get("/pigp/aide")
    assert 'status-pigp-adresse-erronee"><span class="tag ok">' in browser_client.text(
        "/progression"
    )


def test_two_instances_on_one_database_share_a_login(tmp_path):
    """No state in process memory: a login started on one server is finished on another."""
    config = make_test_config(tmp_path)
    first, second = create_app(config), create_app(config)
    web = Browser(first.test_client()).open_sandbox()
    creds = web.state()["accounts"]["pigp"]
    assert (
        web.post(
            "/pigp/connexion", {"username": creds["username"], "password": creds["password"]}
        ).location
        == "/pigp/code"
    )
    code = web.latest_code()
    web.move_to(second)
    assert web.post("/pigp/code", {"code": code}).location == "/pigp/accueil"
    assert "Bienvenue" in web.text("/pigp/accueil")


@pytest.mark.parametrize("size", ["1" + "0" * 400, "-3", "2.5"])
def test_absurd_class_sizes_get_a_french_message(instructor, size):
    response = instructor.post("/formateur/", {"name": "x", "size": size})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "target", ["//exemple.test/", "/\t/exemple.test", "/formateur/%0Ax", "https://exemple.test/"]
)
def test_instructor_login_never_redirects_away(app, target):
    teacher = Instructor(app.test_client())
    response = teacher.client.post(
        "/formateur/connexion?next=" + target,
        data={"password": PASSWORD, "csrf_token": teacher.token},
    )
    assert response.status_code == 302 and response.location == "/formateur/"
