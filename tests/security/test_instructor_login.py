"""The instructor login: the shared lockout, kept in the database (every worker and host
counts the same failures), and a server-side session that logout really ends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator import create_app
from tests.conftest import make_test_config
from tests.helpers import INSTRUCTOR_PASSWORD as PASSWORD
from tests.helpers import Instructor


@pytest.fixture
def app(tmp_path):
    application = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD))
    yield application
    application.extensions["sim.db"].dispose()


def test_five_wrong_passwords_lock_even_the_right_one_on_every_host(app, tmp_path):
    other_host = create_app(
        make_test_config(
            tmp_path, INSTRUCTOR_PASSWORD=PASSWORD, SIM_FROZEN_TIME=app.extensions["sim.wall_clock"]
        )
    )
    for _ in range(5):
        assert Instructor(app.test_client()).login("devine").status_code == 400
    teacher = Instructor(other_host.test_client())
    response = teacher.login()
    assert response.status_code == 400
    assert "Trop de tentatives infructueuses" in response.get_data(as_text=True)
    app.extensions["sim.wall_clock"].advance(timedelta(minutes=16))
    assert teacher.login().status_code == 302
    other_host.extensions["sim.db"].dispose()


def test_logout_ends_the_session_on_the_server(app):
    teacher = Instructor(app.test_client())
    assert teacher.login().status_code == 302
    saved = {c.key: c.value for c in teacher.client._cookies.values()}
    assert teacher.client.get("/formateur/").status_code == 200
    from tests.helpers import csrf_from

    teacher.token = csrf_from(teacher.client.get("/formateur/").get_data(as_text=True))
    assert teacher.post("/formateur/deconnexion").status_code == 302
    replay = app.test_client()
    for key, value in saved.items():
        replay.set_cookie(key, value)
    response = replay.get("/formateur/")
    assert response.status_code == 302 and "/formateur/connexion" in response.location
