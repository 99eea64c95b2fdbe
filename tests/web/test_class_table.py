"""The instructor's live table costs a fixed number of queries whatever the class size (it is
polled every 5 s by every open instructor page), and says exactly what each trainee's own
progress page says."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from simulator import create_app
from simulator.services import exercises
from simulator.services.context import SandboxContext
from simulator.store import (
    Account,
    Factor,
    LoginEvent,
    Message,
    RecoveryCode,
    Sandbox,
    TrustedDevice,
)
from tests.conftest import make_test_config
from tests.helpers import INSTRUCTOR_PASSWORD as PASSWORD
from tests.helpers import Instructor, counted


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


def _give_each_trainee_something_done(app, class_url):
    """Rows for every exercise's proof, spread over the class, so lazy loading would show."""
    classroom_id = int(class_url.rsplit("/", 1)[1])
    database = app.extensions["sim.db"]
    now = app.extensions["sim.wall_clock"].now()
    with database.session() as db:
        members = db.scalars(
            select(Sandbox).where(Sandbox.classroom_id == classroom_id).order_by(Sandbox.label)
        ).all()
        for number, sandbox in enumerate(members):
            account = {
                a.portal: a
                for a in db.scalars(select(Account).where(Account.sandbox_id == sandbox.id))
            }
            kind = number % 5
            if kind == 0:
                db.add(
                    TrustedDevice(
                        account_id=account["pigp"].id,
                        token_hash="t",
                        created_at=now,
                        expires_at=now + timedelta(days=180),
                    )
                )
            elif kind == 1:
                db.add(
                    Factor(
                        account_id=account["cerbere"].id, kind="totp", name="BNUM", created_at=now
                    )
                )
                db.add(
                    Factor(account_id=account["karbon"].id, kind="totp", name="", created_at=now)
                )
            elif kind == 2:
                db.add(
                    RecoveryCode(
                        account_id=account["karbon"].id, code_hash="h", created_at=now, used_at=now
                    )
                )
            elif kind == 3:
                db.add(
                    Message(
                        sandbox_id=sandbox.id,
                        channel="mail",
                        portal="pigp",
                        kind="pigp_login",
                        sender="s",
                        recipient="r",
                        body="b",
                        created_at=now,
                        deliver_at=now,
                        folder="spam",
                        read_at=now,
                    )
                )
                db.add(
                    LoginEvent(
                        account_id=account["pigp"].id, at=now, success=True, second_factor="email"
                    )
                )
            else:
                db.add(
                    Message(
                        sandbox_id=sandbox.id,
                        channel="sms",
                        portal="eulogin",
                        kind="k",
                        sender="s",
                        recipient="r",
                        body="b",
                        created_at=now,
                        deliver_at=now + timedelta(minutes=15),
                        folder="inbox",
                        read_at=now + timedelta(minutes=15),
                    )
                )
                db.add(
                    Factor(
                        account_id=account["eulogin"].id,
                        kind="sms",
                        phone="+33639980000",
                        created_at=now,
                    )
                )
                db.add(
                    LoginEvent(
                        account_id=account["eulogin"].id, at=now, success=True, second_factor="sms"
                    )
                )
                sandbox.settings = {"seen": ["pigp_help"]}


def _queries(app, instructor, size):
    class_url = instructor.create_class(size, name=f"Séance de {size}")
    _give_each_trainee_something_done(app, class_url)
    with counted(app) as table:
        assert instructor.client.get(class_url + "/progression.json").status_code == 200
    with counted(app) as page:
        assert instructor.client.get(class_url).status_code == 200
    return len(table), len(page)


def test_the_table_costs_the_same_queries_for_3_and_30_trainees(app, instructor):
    small = _queries(app, instructor, 3)
    large = _queries(app, instructor, 30)
    assert large == small
    # the « bloqué » marks are one query of the table; the page reads the lure drills once for
    # the table and its lures panel, and knows a class made from a course with the class
    # itself (make bench's goal: at most 10 statements for the table and for the page)
    assert max(large) <= 10


def test_the_table_says_what_each_trainee_progress_page_says(app, instructor):
    class_url = instructor.create_class(10)
    _give_each_trainee_something_done(app, class_url)
    rows = instructor.client.get(class_url + "/progression.json").get_json()["rows"]
    with app.app_context(), app.extensions["sim.db"].session() as db:
        wall = app.extensions["sim.wall_clock"]
        one_by_one = {
            row["id"]: exercises.progress(SandboxContext(db, db.get(Sandbox, row["id"]), wall))
            for row in rows
        }
    assert {row["id"]: row["done"] for row in rows} == one_by_one
    done = [key for row in rows for key, value in row["done"].items() if value]
    assert {
        "pigp-premiere-connexion",
        "bnum-2fa",
        "karbon-configuration",
        "karbon-code-recuperation",
        "pigp-code-indesirable",
        "eulogin-sms",
        "eulogin-sms-retard",
        "pigp-adresse-erronee",
    } <= set(done)
    page = instructor.client.get(class_url).get_data(as_text=True)
    assert page.count('data-done="1"') == len(done)
    assert re.findall(r"Stagiaire \d+", page)[:3] == ["Stagiaire 1", "Stagiaire 2", "Stagiaire 3"]


def test_a_class_of_200_is_allowed_and_201_refused(instructor):
    response = instructor.post("/formateur/", {"name": "Amphi", "size": "201"})
    assert response.status_code == 400 and "Entre 1 et 200" in response.get_data(as_text=True)
    assert instructor.post("/formateur/", {"name": "Amphi", "size": "200"}).status_code == 302
