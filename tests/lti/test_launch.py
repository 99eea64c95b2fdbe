"""Full OIDC launches from the test platform: learner, instructor, deep linking, grades,
roster, and every refusal."""

from __future__ import annotations

import time

import pytest

from simulator.lti import grades
from simulator.store import LtiGrade, LtiUser, Sandbox
from tests.lti.conftest import launch, login_query, page_text, sandbox_id_of
from tests.lti_platform import INSTRUCTOR, unsigned_copy


def test_a_learner_lands_in_a_sandbox_and_finds_it_again(app, client, registered):
    response, _ = launch(client, registered, custom={"exercices": "pigp-premiere-connexion"})
    assert response.status_code == 200
    assert "Première connexion au PIGP" in page_text(response)
    first = sandbox_id_of(client)
    assert first
    with app.extensions["sim.db"].session() as db:
        sandbox = db.get(Sandbox, first)
        assert sandbox.label == "Camille Martin" and sandbox.classroom_id
        assert sandbox.passcode is None
    other = app.test_client()  # another computer, same Moodle user
    launch(other, registered)
    assert sandbox_id_of(other) == first


def test_an_instructor_lands_on_the_class_table_with_the_roster(app, client, registered):
    registered.members = [
        {"user_id": "12", "name": "Camille Martin", "email": "c@ecole.test", "roles": ["Learner"]},
        {"user_id": "13", "name": "Dominique Petit", "email": "d@ecole.test", "roles": ["Learner"]},
        {"user_id": "1", "name": "Prof", "roles": ["Instructor"]},
    ]
    launch(app.test_client(), registered)  # Camille has started
    response, _ = launch(client, registered, sub="1", roles=INSTRUCTOR, name="Prof")
    assert response.status_code == 200
    text = page_text(response)
    assert "Cours de la plateforme" in text and "Dominique Petit" in text
    assert "pas commencé" in text and "Renvoyer les notes" in text
    assert "Prof" not in text.split("Cours de la plateforme")[1].split("Notes envoyées")[0]


def test_a_score_reaches_the_platform_after_an_exercise(app, client, registered):
    keys = "pigp-adresse-erronee,onegov-2fa"
    launch(client, registered, custom={"exercices": keys})
    sandbox_id = sandbox_id_of(client)
    grades.deliver_due(app.extensions["sim.db"], app.config["LTI_KEY_FOLDER"])
    assert registered.scores[-1]["scoreGiven"] == 0
    from tests.helpers import csrf_from

    # the incident « adresse erronée » on, then the help page read: the exercise is done
    page = client.get("/progression").get_data(as_text=True)
    client.post("/progression/pigp-adresse-erronee/incident", data={"csrf_token": csrf_from(page)})
    client.get("/pigp/aide")  # read during the incident: done, and queued by this request
    with app.extensions["sim.db"].session() as db:
        row = db.query(LtiGrade).filter_by(sandbox_id=sandbox_id).one()
        assert (row.score_given, row.score_maximum, row.status) == (1.0, 2.0, "pending")
    sent, failed = grades.deliver_due(app.extensions["sim.db"], app.config["LTI_KEY_FOLDER"])
    assert (sent, failed) == (1, 0)
    score = registered.scores[-1]
    assert score["scoreGiven"] == 1 and score["scoreMaximum"] == 2
    assert score["gradingProgress"] == "FullyGraded" and score["userId"] == "12"
    assert score["activityProgress"] == "InProgress" and score["timestamp"]
    tokens = registered.token_requests
    with app.extensions["sim.db"].session() as db:
        classroom_id = db.get(Sandbox, sandbox_id).classroom_id
        assert grades.resend(db, classroom_id) == 1
    grades.deliver_due(app.extensions["sim.db"], app.config["LTI_KEY_FOLDER"])
    assert registered.token_requests == tokens  # the access token was cached


def test_a_platform_that_fails_is_retried_later(app, client, registered):
    launch(client, registered)
    registered.fail_scores = 1
    sent, failed = grades.deliver_due(app.extensions["sim.db"], app.config["LTI_KEY_FOLDER"])
    assert (sent, failed) == (0, 1)
    with app.extensions["sim.db"].session() as db:
        row = db.query(LtiGrade).one()
        assert row.status == "pending" and row.attempts == 1 and "503" in row.last_error
        assert row.next_attempt_at.timestamp() > time.time() + 20
    assert grades.deliver_due(app.extensions["sim.db"], app.config["LTI_KEY_FOLDER"]) == (0, 0)


def test_deep_linking_returns_one_activity_with_a_line_item(app, client, registered):
    response, _ = launch(client, registered, roles=INSTRUCTOR, deep_linking=True)
    text = page_text(response)
    assert response.status_code == 200 and "Choisir les exercices" in text
    from tests.helpers import csrf_from

    launch_id = text.split('name="launch_id" value="')[1].split('"')[0]
    answer = client.post(
        "/lti/liens",
        data={
            "csrf_token": csrf_from(response.get_data(as_text=True)),
            "launch_id": launch_id,
            "exercice": ["pigp-premiere-connexion", "onegov-2fa"],
            "mode": "ensemble",
        },
    )
    assert answer.status_code == 200
    body = answer.get_data(as_text=True)
    token = body.split('name="JWT" value="')[1].split('"')[0]
    from tests.lti_platform import PlatformConf

    items = PlatformConf(registration=registered.registration)
    items.get_registration()
    content = items.validate_deeplinking_resp({"JWT": token})
    assert len(content) == 1
    item = content[0]
    assert item["type"] == "ltiResourceLink"
    assert item["custom"] == {"exercices": "pigp-premiere-connexion,onegov-2fa"}
    assert item["lineItem"]["scoreMaximum"] == 100
    assert item["lineItem"]["resourceId"] == "exercices:pigp-premiere-connexion,onegov-2fa"
    assert "exercices" in item["lineItem"]["label"]
    assert registered.url in answer.headers["Content-Security-Policy"]


def test_deep_linking_one_activity_per_exercise(app, client, registered):
    response, _ = launch(client, registered, roles=INSTRUCTOR, deep_linking=True)
    from tests.helpers import csrf_from

    text = response.get_data(as_text=True)
    launch_id = text.split('name="launch_id" value="')[1].split('"')[0]
    answer = client.post(
        "/lti/liens",
        data={
            "csrf_token": csrf_from(text),
            "launch_id": launch_id,
            "exercice": ["bnum-2fa", "karbon-configuration", "inconnu"],
            "mode": "separes",
        },
    )
    token = answer.get_data(as_text=True).split('name="JWT" value="')[1].split('"')[0]
    from tests.lti_platform import PlatformConf

    conf = PlatformConf(registration=registered.registration)
    conf.get_registration()
    content = conf.validate_deeplinking_resp({"JWT": token})
    assert [c["custom"]["exercices"] for c in content] == ["bnum-2fa", "karbon-configuration"]


def test_nothing_chosen_is_said_in_french(client, registered):
    response, _ = launch(client, registered, roles=INSTRUCTOR, deep_linking=True)
    from tests.helpers import csrf_from

    text = response.get_data(as_text=True)
    launch_id = text.split('name="launch_id" value="')[1].split('"')[0]
    answer = client.post(
        "/lti/liens", data={"csrf_token": csrf_from(text), "launch_id": launch_id, "mode": "x"}
    )
    assert answer.status_code == 400 and "Cochez au moins un exercice" in page_text(answer)


# Refusals ------------------------------------------------------------------------------------


def test_a_replayed_id_token_is_refused(client, registered):
    response, answer = launch(client, registered)
    again = client.post("/lti/launch", data=answer)
    assert again.status_code == 400
    assert "déjà servi" in page_text(again)


def test_a_launch_without_the_state_cookie_says_so(app, client, registered):
    login = client.get(login_query(registered))
    answer = registered.authorize(login.headers["Location"])
    stranger = app.test_client()  # another browser: no state cookie
    response = stranger.post("/lti/launch", data=answer)
    assert response.status_code == 400
    assert "Nouvelle fenêtre" in page_text(response)


def test_a_lost_session_cookie_offers_a_new_window(app, client, registered):
    response, _ = launch(client, registered, follow=False)
    entry = response.headers["Location"]
    stranger = app.test_client()
    lost = stranger.get(entry)
    assert lost.status_code == 400 and "nouvelle fenêtre" in page_text(lost)
    opened = stranger.get(entry + "?fenetre=1")
    assert opened.status_code == 302 and sandbox_id_of(stranger)
    assert stranger.get(entry + "?fenetre=1").status_code == 400  # single use


def _tampered(registered, answer, kind):
    token = answer["id_token"]
    if kind == "signature":
        return unsigned_copy(token, sub="999")
    if kind == "issuer":
        return registered.sign({**_claims(token), "iss": "https://inconnu.test"})
    if kind == "deployment":
        return registered.sign(
            {**_claims(token), "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "77"}
        )
    if kind == "audience":
        return registered.sign({**_claims(token), "aud": "un-autre-outil", "azp": "x"})
    if kind == "expired":
        claims = {**_claims(token), "exp": int(time.time()) - 600, "iat": int(time.time()) - 900}
        from lti1p3platform.registration import Registration

        return Registration.encode_and_sign(
            claims,
            registered.registration.get_platform_private_key(),
            {"kid": registered.registration.get_kid()},
        )
    if kind == "azp":
        return registered.sign({**_claims(token), "azp": "un-autre-outil"})
    if kind == "garbage":
        return "pas.un.jeton"
    if kind == "two-parts":
        return "abc.def"
    if kind == "unicode":
        return "é" * 50
    raise AssertionError(kind)


def _claims(token):
    import jwt

    body = jwt.decode(token, options={"verify_signature": False})
    return {k: v for k, v in body.items() if k not in ("iat", "exp")}


@pytest.mark.parametrize(
    ("kind", "status", "words"),
    [
        ("signature", 400, "Jeton de lancement refusé"),
        ("issuer", 403, "Plateforme inconnue"),
        ("deployment", 403, "Déploiement inconnu"),
        ("audience", 403, "Plateforme inconnue"),
        ("expired", 400, "Jeton de lancement refusé"),
        ("azp", 400, "azp"),
        ("garbage", 400, "Jeton de lancement refusé"),
        ("two-parts", 400, "Jeton de lancement refusé"),
        ("unicode", 400, "Jeton de lancement refusé"),
    ],
)
def test_a_bad_token_gets_a_french_page(client, registered, kind, status, words):
    login = client.get(login_query(registered))
    answer = registered.authorize(login.headers["Location"])
    response = client.post(
        "/lti/launch", data={**answer, "id_token": _tampered(registered, answer, kind)}
    )
    assert response.status_code == status, page_text(response)
    assert words in page_text(response)
    assert "Que faire" in page_text(response) or kind == "azp"
    assert sandbox_id_of(client) is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"id_token": "x"},
        {"state": "x"},
        {"id_token": "", "state": ""},
        {"id_token": "a" * 5000, "state": "state-x"},
        {"id_token": "<script>", "state": "' OR 1=1 --"},
    ],
)
def test_launch_fuzz_never_500(client, registered, data):
    response = client.post("/lti/launch", data=data)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"iss": "https://inconnu.test", "login_hint": "1"},
        {"iss": "https://moodle.test"},
        {"iss": "https://moodle.test", "login_hint": "1", "client_id": "autre"},
        {"iss": "é" * 300, "login_hint": "\u202e"},
    ],
)
def test_login_fuzz_never_500(client, registered, query):
    from urllib.parse import urlencode

    response = client.get("/lti/login?" + urlencode(query))
    assert 400 <= response.status_code < 500
    assert "Que faire" in page_text(response)


def test_lti_sandboxes_count_in_the_ceiling(app, client, registered):
    app.config["SIM_MAX_SANDBOXES"] = 0
    response, _ = launch(client, registered)
    assert response.status_code == 503 and "SIM_MAX_SANDBOXES" in page_text(response)


def test_names_are_shown_to_the_trainer_only(app, client, registered):
    launch(client, registered, email="camille.martin@ecole.test")
    assert "camille.martin@ecole.test" not in client.get("/").get_data(as_text=True)
    assert "camille.martin@ecole.test" not in client.get("/progression").get_data(as_text=True)
    with app.extensions["sim.db"].session() as db:
        assert db.query(LtiUser).one().email == "camille.martin@ecole.test"


def test_a_launch_over_https_keeps_its_cookies_in_the_platforms_frame(app, client, registered):
    app.config["SIM_HTTPS"] = True
    response, _ = launch(client, registered, follow=False)
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("bac_a_sable="))
    assert "SameSite=None" in session_cookie and "Secure" in session_cookie
    page = client.get("/progression", base_url="https://localhost")
    assert f"frame-ancestors {registered.url}" in page.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in page.headers


def test_a_session_not_launched_still_refuses_every_frame(client):
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def _wait_for_a_score(platform, seconds: float = 10) -> None:
    """The worker posts on its own schedule: wait for the platform to have a score."""
    deadline = time.time() + seconds
    while not platform.scores and time.time() < deadline:
        time.sleep(0.05)


def test_the_worker_thread_posts_without_any_request(app, client, registered, monkeypatch):
    monkeypatch.setattr(grades, "POLL_SECONDS", 0.05)
    launch(client, registered)
    grades.start_worker(app)
    try:
        _wait_for_a_score(registered)
    finally:
        grades.stop_worker(app)
    assert registered.scores and registered.scores[0]["userId"] == "12"


def test_an_app_started_after_another_in_the_process_gets_its_own_worker(
    app, client, registered, monkeypatch, tmp_path_factory
):
    """Another app of the same process (an earlier test's, served in normal mode) had its
    worker: this app's scores were never posted, for its database had no thread."""
    from simulator import create_app
    from tests.conftest import make_test_config

    monkeypatch.setattr(grades, "POLL_SECONDS", 0.05)
    other = create_app(make_test_config(tmp_path_factory.mktemp("autre-application")))
    grades.start_worker(other)
    launch(client, registered)
    grades.start_worker(app)
    try:
        _wait_for_a_score(registered)
    finally:
        grades.stop_worker(app)
        grades.stop_worker(other)
        other.extensions["sim.db"].dispose()
    assert registered.scores and registered.scores[0]["userId"] == "12"


def test_ending_the_class_deletes_what_the_platform_sent(app, client, registered):
    from simulator.store import Classroom, LtiContext
    from tests.helpers import csrf_from

    launch(client, registered)
    teacher = app.test_client()
    page, _ = launch(teacher, registered, sub="1", roles=INSTRUCTOR, name="Prof")
    with app.extensions["sim.db"].session() as db:
        classroom_id = db.query(Classroom).one().id
    ended = teacher.post(
        f"/formateur/classes/{classroom_id}/terminer",
        data={"csrf_token": csrf_from(page.get_data(as_text=True)), "exported": "y"},
    )
    assert ended.status_code == 302
    with app.extensions["sim.db"].session() as db:
        assert db.query(LtiUser).count() == 0 and db.query(LtiContext).count() == 0
        assert db.query(LtiGrade).count() == 0
    relaunched, _ = launch(app.test_client(), registered)
    assert relaunched.status_code == 200  # a new class, a new sandbox


def test_a_teacher_from_a_course_sees_only_that_class(app, client, registered):
    from simulator.store import Classroom

    launch(app.test_client(), registered)  # a learner of the course
    other = launch(app.test_client(), registered, sub="99", context="autre-cours")[0]
    assert other.status_code == 200
    response, _ = launch(client, registered, sub="1", roles=INSTRUCTOR, name="Prof")
    assert response.status_code == 200 and "Toutes les séances" not in page_text(response)
    with app.extensions["sim.db"].session() as db:
        mine, theirs = sorted(c.id for c in db.query(Classroom))  # the learner's course first
        learner = db.query(LtiUser).filter_by(sub="12").one().sandbox_id
        stranger = db.query(LtiUser).filter_by(sub="99").one().sandbox_id
    assert client.get(f"/formateur/classes/{mine}").status_code == 200
    assert client.get(f"/formateur/stagiaires/{learner}").status_code == 200
    assert client.get(f"/formateur/classes/{theirs}").status_code == 403
    assert client.get(f"/formateur/stagiaires/{stranger}").status_code == 403
    assert client.get("/formateur/").status_code == 403
    assert client.get("/lti/plateformes").status_code == 403
