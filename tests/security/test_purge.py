"""Idle sandboxes can be deleted: `python -m simulator purge --inactifs 30j`, and the
instructor can end a class, deleting its sandboxes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from simulator.__main__ import main, parse_duration
from simulator.services import sandboxes
from simulator.store import Account, Message, Sandbox
from tests.helpers import INSTRUCTOR_PASSWORD, Instructor


def test_durations_read_as_a_trainer_writes_them():
    assert parse_duration("30j") == parse_duration("30") == timedelta(days=30)
    assert parse_duration("12h") == timedelta(hours=12)


def test_purge_deletes_idle_sandboxes_and_everything_in_them(app, wall, pigp, other_browser):
    pigp.login()  # a mail in the first sandbox
    wall.advance(timedelta(days=31))
    other_browser.get("/messagerie/")  # the second one is still in use
    db = app.extensions["sim.db"]
    with db.session() as session:
        assert sandboxes.purge_idle(session, wall.now(), timedelta(days=30)) == 1
    with db.session() as session:
        assert [s.id for s in session.scalars(select(Sandbox))] == [other_browser.state()["id"]]
        assert session.scalar(select(func.count()).select_from(Message)) == 0
        assert {a.sandbox_id for a in session.scalars(select(Account))} == {
            other_browser.state()["id"]
        }


def test_the_purge_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    monkeypatch.setenv("SIM_INSTRUCTOR_PASSWORD", "x")
    monkeypatch.setenv("SIM_SECRET_KEY", "clé")
    assert main(["purge", "--inactifs", "30j"]) == 0
    assert "0 bac(s) à sable inactif(s)" in capsys.readouterr().out


def test_ending_a_class_deletes_its_sandboxes(app):
    app.config["INSTRUCTOR_PASSWORD"] = INSTRUCTOR_PASSWORD
    teacher = Instructor(app.test_client())
    assert teacher.login().status_code == 302
    class_url = teacher.create_class(size=3)
    with app.extensions["sim.db"].session() as session:
        assert sandboxes.count(session) == 3
    from tests.helpers import csrf_from

    teacher.token = csrf_from(teacher.client.get(class_url).get_data(as_text=True))
    response = teacher.post(class_url + "/terminer", {"exported": "y"})  # the export saved
    assert response.status_code == 302
    with app.extensions["sim.db"].session() as session:
        assert sandboxes.count(session) == 0
    assert teacher.client.get(class_url).status_code == 404
