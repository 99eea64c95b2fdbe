"""SIM_PUBLIC_URL: what start-up prints and what the roster cards and their QR codes carry;
a loopback address on the roster is flagged in red."""

from __future__ import annotations

import re

import pytest

from simulator import __main__ as cli
from simulator import create_app
from simulator.services import qr
from tests.conftest import make_test_config
from tests.helpers import INSTRUCTOR_PASSWORD as PASSWORD
from tests.helpers import Instructor


def _roster(tmp_path, **extra) -> str:
    app = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD, **extra))
    teacher = Instructor(app.test_client())
    assert teacher.login().status_code == 302
    page = teacher.client.get(teacher.create_class(size=2) + "/fiches").get_data(as_text=True)
    app.extensions["sim.db"].dispose()
    return page


def test_roster_cards_and_qr_codes_carry_the_public_url(tmp_path):
    page = _roster(tmp_path, SIM_PUBLIC_URL="http://10.0.0.5:5000")
    codes = re.findall(r'roster-passcode">([\w-]+)<', page)
    assert len(codes) == 2 and "127.0.0.1" not in page and "localhost" not in page
    for code in codes:
        assert qr.svg_of(f"http://10.0.0.5:5000/rejoindre?code={code}", scale=3) in page
    assert 'data-testid="roster-loopback"' not in page


def test_roster_warns_when_its_address_is_loopback(tmp_path):
    page = _roster(tmp_path)
    assert 'data-testid="roster-loopback"' in page and "SIM_PUBLIC_URL" in page


@pytest.fixture
def started(monkeypatch, tmp_path):
    monkeypatch.setattr(cli._Gunicorn, "run", lambda self: None)
    monkeypatch.setenv("SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    monkeypatch.setenv("SIM_INSTRUCTOR_PASSWORD", "x")
    monkeypatch.setenv("SIM_SECRET_KEY", "k")
    monkeypatch.delenv("SIM_PUBLIC_URL", raising=False)
    return monkeypatch


def test_startup_prints_the_public_url(started, capsys):
    started.setenv("SIM_PUBLIC_URL", "http://salle-12.exemple.test:5000/")
    cli.main(["serve", "--host", "0.0.0.0"])
    out = capsys.readouterr().out
    assert "http://salle-12.exemple.test:5000/formateur/" in out and "127.0.0.1" not in out


def test_listening_beyond_loopback_without_it_lists_the_addresses(started, capsys, monkeypatch):
    monkeypatch.setattr(cli, "machine_addresses", lambda: ["10.0.0.5"])
    cli.main(["serve", "--host", "0.0.0.0"])
    out = capsys.readouterr().out
    assert "SIM_PUBLIC_URL" in out and "http://10.0.0.5:5000/" in out
