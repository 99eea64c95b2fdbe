"""Training records (issue 24): every attempt classified from a real attempt and told to the
trainee at once; a scripted class of three read by the trainer (funnel, mistakes, times, the
« bloqué » mark, the export, « Clore la séance »); the live table's cost."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from simulator import create_app
from simulator.services import exercises
from simulator.store import Sandbox, TrainingRecord
from tests.conftest import make_test_config
from tests.helpers import INSTRUCTOR_PASSWORD as PASSWORD
from tests.helpers import Instructor, counted, csrf_from, join
from tests.portals import EuLogin, Karbon, Pigp, code_at


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


def attempts(app, web) -> list[tuple[str, str, str]]:
    """(portal, step, kind) of the sandbox's attempts, oldest first."""
    sandbox_id = web.state()["id"]
    with app.extensions["sim.db"].session() as db:
        return [
            (r.portal, r.step, r.outcome)
            for r in db.scalars(
                select(TrainingRecord)
                .where(TrainingRecord.sandbox_id == sandbox_id, TrainingRecord.kind == "attempt")
                .order_by(TrainingRecord.id)
            )
        ]


def last_kind(app, web) -> str:
    return attempts(app, web)[-1][2]


def typed(pigp, code):
    return pigp.post("/pigp/code", {"code": code}).get_data(as_text=True)


# Each mistake, from a real attempt ------------------------------------------------------------


def test_the_password_step_is_recorded(app, pigp):
    pigp.login(password="pas-le-bon")
    assert attempts(app, pigp) == [("pigp", "password", "wrong")]
    pigp.login()
    assert attempts(app, pigp)[-1] == ("pigp", "password", "accepted")


def test_the_password_typed_as_the_code_is_named(app, pigp):
    pigp.login()
    page = typed(pigp, pigp.creds["password"])
    assert last_kind(app, pigp) == "password_as_code"
    assert (
        "Vous avez saisi votre mot de passe : c&#39;est le code à 6 chiffres reçu par courriel "
        "qui est demandé." in page
    )


def test_wrong_malformed_and_accepted(app, pigp):
    pigp.login()
    code = pigp.latest_code()
    typed(pigp, "000000" if code != "000000" else "111111")
    assert last_kind(app, pigp) == "wrong"
    typed(pigp, "12ab")
    assert last_kind(app, pigp) == "malformed"
    typed(pigp, code)
    assert last_kind(app, pigp) == "accepted"


def test_a_code_from_an_older_mail_is_named(app, pigp):
    pigp.login()
    first = pigp.latest_code()
    assert pigp.post("/pigp/code/nouveau").location == "/pigp/code"
    page = typed(pigp, first)
    assert last_kind(app, pigp) == "older_message"
    assert "Ce code vient d&#39;un ancien courriel" in page


def test_an_expired_code(app, pigp):
    pigp.login()
    code = pigp.latest_code()
    assert pigp.post("/horloge/avancer/30min").status_code == 302
    pigp.post("/horloge/avancer/5min")
    page = typed(pigp, code)
    assert last_kind(app, pigp) == "expired"
    assert "Ce code a expiré" in page


def test_locked_out(app, pigp):
    pigp.login()
    for _ in range(5):
        typed(pigp, "999999" if pigp.latest_code() != "999999" else "888888")
    typed(pigp, pigp.latest_code())
    assert last_kind(app, pigp) == "locked"


def test_an_authenticator_code_already_used_and_another_entry_s_code(app, browser_client, wall):
    karbon = Karbon.of(browser_client)
    secret, _codes = karbon.enrol(wall)
    assert ("karbon", "enrolment", "accepted") in attempts(app, karbon)
    other = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    response = karbon.post(
        "/authentificateur/cle", {"issuer": "OneGov", "account_name": "moi", "secret": other}
    )
    assert response.status_code in (200, 302)
    karbon.logout()
    karbon.login()
    page = karbon.post("/karbon/verification", {"code": code_at(secret, wall)})
    assert last_kind(app, karbon) == "used"  # the enrolment's code, same 30 s
    wall.advance(timedelta(seconds=30))
    page = karbon.post("/karbon/verification", {"code": code_at(other, wall)})
    assert last_kind(app, karbon) == "other_entry"
    assert "autre compte de votre application" in page.get_data(as_text=True)
    assert karbon.post("/karbon/verification", {"code": code_at(secret, wall)}).status_code == 302
    assert last_kind(app, karbon) == "accepted"


def test_the_sms_number_confirmation_is_an_attempt_and_names_the_password(app, eulogin, wall):
    """EU Login's « Finaliser » checks an SMS code like a login does: its mistakes count too."""
    assert eulogin.login_password().status_code == 302
    _, password, mobile = eulogin.credentials()
    eulogin.post(EuLogin.ADD, {"phone": mobile})
    EuLogin.arrive(wall)
    right = eulogin.latest_sms_code()
    page = eulogin.post(EuLogin.CONFIRM, {"code": password}).get_data(as_text=True)
    assert "Vous avez saisi votre mot de passe : c&#39;est le code" in page
    eulogin.post(EuLogin.CONFIRM, {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    assert eulogin.post(EuLogin.CONFIRM, {"code": right}).status_code == 302
    assert attempts(app, eulogin)[-3:] == [
        ("eulogin", "enrolment", "password_as_code"),
        ("eulogin", "enrolment", "wrong"),
        ("eulogin", "enrolment", "accepted"),
    ]


def test_no_record_holds_what_was_typed(app, pigp):
    pigp.login()
    code = pigp.latest_code()
    typed(pigp, pigp.creds["password"])
    typed(pigp, code)
    with app.extensions["sim.db"].session() as db:
        rows = db.scalars(select(TrainingRecord)).all()
    text = " ".join(f"{r.kind} {r.portal} {r.step} {r.outcome} {r.value}" for r in rows)
    assert rows and code not in text and pigp.creds["password"] not in text


def test_tools_are_recorded(app, pigp):
    pigp.login()
    pigp.latest_mail()  # opens the mail
    pigp.post("/horloge/avancer/5min")
    token = csrf_from(pigp.client.get("/incidents/").get_data(as_text=True))
    pigp.client.post("/incidents/", data={"csrf_token": token, "mail_to_spam": "y"})
    with app.extensions["sim.db"].session() as db:
        kinds = [r.kind for r in db.scalars(select(TrainingRecord).order_by(TrainingRecord.id))]
    assert {"message", "clock", "incident", "page"} <= set(kinds)


# A scripted class of three ---------------------------------------------------------------------


def test_a_class_of_three(app, instructor, wall):
    class_url = instructor.create_class(3)
    passcodes = instructor.passcodes(class_url)
    first, second, third = (Pigp.of(join(app, code)) for code in passcodes)

    # One succeeds, in two minutes.
    first.get("/pigp/connexion")
    first.login()
    first.get("/pigp/code")
    wall.advance(timedelta(minutes=1))
    code = first.latest_code()
    wall.advance(timedelta(minutes=1))
    assert typed(first, code) and first.get("/pigp/accueil").status_code == 200

    # One types the password in the code field twice, then an expired code.
    second.get("/pigp/connexion")
    second.login()
    second.get("/pigp/code")
    for _ in range(2):
        page = typed(second, second.creds["password"])
    assert "Vous avez saisi votre mot de passe" in page
    code = second.latest_code()
    second.post("/horloge/avancer/30min")
    second.post("/horloge/avancer/5min")
    assert "Ce code a expiré" in typed(second, code)

    # One stops once the mail has arrived.
    third.get("/pigp/connexion")
    third.login()
    third.get("/pigp/code")
    third.get("/messagerie/")

    rows = {r["id"]: r for r in instructor.client.get(class_url + "/progression.json").json["rows"]}
    ids = [w.state()["id"] for w in (first, second, third)]
    assert rows[ids[0]]["stuck"] is None
    assert rows[ids[1]]["stuck"]["reason"] == "3 erreurs de suite"
    assert rows[ids[1]]["stuck"]["last"] == "dernière erreur : code expiré"
    assert rows[ids[2]]["stuck"] is None  # not yet
    page = instructor.client.get(class_url).get_data(as_text=True)
    token = csrf_from(page)
    # the trainer moves the third trainee's sandbox clock past the threshold (5 min)
    instructor.client.post(
        f"/formateur/stagiaires/{ids[2]}/horloge/30min", data={"csrf_token": token}
    )
    rows = {r["id"]: r for r in instructor.client.get(class_url + "/progression.json").json["rows"]}
    stuck = rows[ids[2]]["stuck"]
    assert stuck["reason"] == "depuis 30 min sur la même étape"
    assert stuck["walkthrough"] == "pigp-premiere-connexion"
    page = instructor.client.get(class_url).get_data(as_text=True)
    assert page.count(">bloqué<") == 3  # one per row, two of them shown
    assert len(re.findall(r"<span data-stuck>", page)) == 2

    # One click: guided mode on for the third trainee.
    response = instructor.client.post(
        f"/formateur/stagiaires/{ids[2]}/pas-a-pas",
        data={"csrf_token": token, "parcours": "pigp-premiere-connexion"},
    )
    assert response.status_code == 302
    with app.extensions["sim.db"].session() as db:
        assert db.get(Sandbox, ids[2]).guided_slug == "pigp-premiere-connexion"

    analysis = instructor.client.get(class_url + "/analyse").get_data(as_text=True)
    section = analysis.split("Première connexion au PIGP sans perdre le cookie</h2>", 1)[1]
    section = section.split("</section>", 1)[0]
    funnel = re.findall(r'<th scope="row">(\d+\. [^<]+|Terminé)</th><td>(\d+)</td>', section)
    assert funnel == [
        ("1. Identifiants", "3"),
        ("2. Page du code", "3"),
        ("3. Ouvrir la messagerie", "3"),  # the third stopped here, the mail arrived
        ("4. Lire le code", "2"),
        ("5. Saisir le code", "1"),
        ("6. Connecté", "1"),
        ("Terminé", "1"),
    ]
    assert "médiane <strong>2 min 00 s</strong>" in section
    assert "mot de passe dans le champ du code : <strong>2</strong>" in section
    assert "code expiré : <strong>1</strong>" in section
    assert "<svg" in analysis and "<title" in analysis
    assert "depannage/#le-code-est-refuse" in analysis

    export = instructor.client.get(class_url + "/export.csv")
    assert export.status_code == 200 and "attachment" in export.headers["Content-Disposition"]
    lines = list(
        csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert len(lines) == 3 * len(exercises.CATALOGUE)
    by = {(r["stagiaire"], r["exercice"]): r for r in lines}
    assert by[("Stagiaire 1", "pigp-premiere-connexion")]["termine"] == "oui"
    assert by[("Stagiaire 1", "pigp-premiere-connexion")]["duree_s"] == "120"
    assert by[("Stagiaire 2", "pigp-premiere-connexion")]["erreurs_password_as_code"] == "2"
    assert by[("Stagiaire 2", "pigp-premiere-connexion")]["erreurs_expired"] == "1"
    assert by[("Stagiaire 3", "pigp-premiere-connexion")]["termine"] == "non"
    assert by[("Stagiaire 3", "pigp-premiere-connexion")]["pas_a_pas"] == "1"
    names = [third.state()["person"]["full_name"] if "person" in third.state() else "x"]
    assert not any(name in export.get_data(as_text=True) for name in names if name != "x")
    document = instructor.client.get(class_url + "/export.json").get_json()
    assert len(document["lignes"]) == len(lines) and document["classe"] == "Séance du matin"

    timeline = instructor.client.get(f"/formateur/stagiaires/{ids[1]}/parcours").get_data(
        as_text=True
    )
    assert timeline.count("mot de passe dans le champ du code") >= 2
    assert "code expiré" in timeline

    # « Clore la séance »: refused until the export is ticked, then says how many rows went.
    refused = instructor.client.post(class_url + "/terminer", data={"csrf_token": token})
    assert refused.status_code == 302 and refused.location.endswith("#clore")
    closed = instructor.client.post(
        class_url + "/terminer", data={"csrf_token": token, "exported": "y"}, follow_redirects=True
    )
    said = re.search(
        r"close : 3 bacs à sable et (\d+) enregistrements", closed.get_data(as_text=True)
    )
    assert said and int(said.group(1)) > 10
    with app.extensions["sim.db"].session() as db:
        assert db.scalars(select(TrainingRecord)).first() is None


def test_the_threshold_is_set_per_class(app, instructor):
    class_url = instructor.create_class(1)
    page = instructor.client.get(class_url + "/analyse").get_data(as_text=True)
    token = csrf_from(page)
    bad = instructor.client.post(class_url + "/analyse", data={"csrf_token": token, "minutes": "0"})
    assert bad.status_code == 400 and "Entre 1 et 120 minutes." in bad.get_data(as_text=True)
    good = instructor.client.post(
        class_url + "/analyse", data={"csrf_token": token, "minutes": "12"}
    )
    assert good.status_code == 302
    assert 'value="12"' in instructor.client.get(class_url + "/analyse").get_data(as_text=True)


def test_guided_mode_from_the_table_refuses_an_unknown_walkthrough(app, instructor):
    class_url = instructor.create_class(1)
    page = instructor.client.get(class_url).get_data(as_text=True)
    sandbox_id = re.search(r'data-sandbox="(\w+)"', page).group(1)
    response = instructor.client.post(
        f"/formateur/stagiaires/{sandbox_id}/pas-a-pas",
        data={"csrf_token": csrf_from(page), "parcours": "<script>"},
    )
    assert response.status_code == 404


def test_the_new_pages_need_the_instructor(client):
    for url in (
        "/formateur/classes/1/analyse",
        "/formateur/classes/1/export.csv",
        "/formateur/stagiaires/" + "a" * 32 + "/parcours",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/formateur/connexion" in response.location


def _records_for_everyone(app, class_url):
    """Pages and attempts for every trainee, some stuck, so a per-row query would show."""
    classroom_id = int(class_url.rsplit("/", 1)[1])
    now = app.extensions["sim.wall_clock"].now()
    with app.extensions["sim.db"].session() as db:
        for number, sandbox_id in enumerate(
            db.scalars(select(Sandbox.id).where(Sandbox.classroom_id == classroom_id))
        ):
            for step in ("/pigp/connexion", "/pigp/code"):
                db.add(
                    TrainingRecord(
                        sandbox_id=sandbox_id,
                        at=now,
                        wall_at=now,
                        kind="page",
                        portal="pigp",
                        step=step,
                        outcome="",
                    )
                )
            for _ in range(number % 4):
                db.add(
                    TrainingRecord(
                        sandbox_id=sandbox_id,
                        at=now,
                        wall_at=now,
                        kind="attempt",
                        portal="pigp",
                        step="email",
                        outcome="wrong",
                    )
                )


def test_the_table_costs_the_same_queries_for_3_and_200_trainees(app, instructor):
    costs = []
    for size in (3, 200):
        class_url = instructor.create_class(size, name=f"Séance de {size}")
        _records_for_everyone(app, class_url)
        with counted(app) as table:
            rows = instructor.client.get(class_url + "/progression.json").json["rows"]
        assert sum(1 for r in rows if r["stuck"]) == sum(1 for n in range(size) if n % 4 == 3)
        with counted(app) as page:
            assert instructor.client.get(class_url).status_code == 200
        costs.append((len(table), len(page)))
    assert costs[0] == costs[1]
    assert max(costs[1]) <= 12  # with the lures' answers and the LTI panel


def test_sandboxes_outside_any_class_go_after_sim_sandbox_days(app, instructor, wall):
    from tests.helpers import Browser

    class_url = instructor.create_class(1)
    alone = Browser(app.test_client()).open_sandbox()
    alone.get("/pigp/connexion")  # a record too
    alone_id = alone.state()["id"]
    wall.advance(timedelta(days=app.config["SIM_SANDBOX_DAYS"] + 1))
    Browser(app.test_client()).open_sandbox()  # « Commencer » purges on its way
    with app.extensions["sim.db"].session() as db:
        left = db.scalars(select(Sandbox)).all()
        assert alone_id not in {s.id for s in left}
        assert [s.classroom_id for s in left if s.classroom_id] == [
            int(class_url.rsplit("/", 1)[1])
        ]
        assert (
            db.scalars(select(TrainingRecord).where(TrainingRecord.sandbox_id == alone_id)).first()
            is None
        )
