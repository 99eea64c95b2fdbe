"""Class passcodes: two groups without look-alikes, and joining throttled in the database per
client address and per class group, on wall time (the trainee's sandbox clock cannot move it)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from simulator import create_app
from simulator.domain.clock import to_paris
from simulator.services import classes
from simulator.store import JoinFailure
from tests.conftest import make_test_config
from tests.helpers import csrf_from

PASSWORD = "mot-de-passe-formateur"


@pytest.fixture
def app(tmp_path):
    application = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD))
    yield application
    application.extensions["sim.db"].dispose()


@pytest.fixture
def codes(app) -> list[str]:
    """The passcodes printed on the sheets of a class of three."""
    teacher = app.test_client()
    token = csrf_from(teacher.get("/formateur/connexion").get_data(as_text=True))
    teacher.post("/formateur/connexion", data={"password": PASSWORD, "csrf_token": token})
    created = teacher.post("/formateur/", data={"name": "Séance", "size": "3", "csrf_token": token})
    sheets = teacher.get(created.location + "/fiches").get_data(as_text=True)
    return re.findall(r'roster-passcode">([\w-]+)<', sheets)


def _typing(app, address: str = "192.0.2.10"):
    """A browser at ``address`` that types codes at « Rejoindre »."""
    web = app.test_client()
    web.environ_base["REMOTE_ADDR"] = address
    token = csrf_from(web.get("/rejoindre").get_data(as_text=True))
    return lambda code: web.post("/rejoindre", data={"passcode": code, "csrf_token": token})


def _wrong(code: str) -> str:
    """The same class group, another trainee's group (not in the class)."""
    return code[:5] + ("ABCDEF" if code[5:] != "ABCDEF" else "GHJKLM")


def test_passcodes_are_two_groups_of_the_unambiguous_alphabet(codes):
    assert len(codes) == 3 and len(set(codes)) == 3
    for code in codes:
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{6}", code), code
    assert len({code[:4] for code in codes}) == 1  # one class group on every sheet
    assert len(classes.PASSCODE_ALPHABET) ** classes.PERSONAL_LENGTH == 2**30


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", "{compact}", " {group} {personal} ", "{group}  -{personal}"]
)
def test_a_passcode_is_accepted_as_people_type_it(app, codes, typed):
    code = codes[0]
    group, personal = code.split("-")
    text = typed.format(
        code=code, lower=code.lower(), compact=group + personal, group=group, personal=personal
    )
    response = _typing(app)(text)
    assert response.status_code == 302 and response.location == "/"


def test_ten_wrong_codes_a_minute_then_a_french_message_with_the_time(app, codes, wall):
    type_code = _typing(app)
    for _ in range(9):
        response = type_code(_wrong(codes[0]))
        assert response.status_code == 400
        assert "Code inconnu" in response.get_data(as_text=True)
    response = type_code(_wrong(codes[0]))  # the tenth within the minute
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    until = wall.now() + timedelta(minutes=1)
    assert "Trop de codes erronés en peu de temps" in page
    assert f"Réessayez dans 1 minute, à partir de {to_paris(until):%H:%M:%S}." in page
    assert 'aria-invalid="true"' in page and 'class="training-banner"' in page
    # while locked, even the right code is not looked at
    assert type_code(codes[0]).status_code == 429


def test_the_trainee_who_waited_gets_in_with_the_right_code(app, codes, wall):
    type_code = _typing(app)
    for _ in range(10):
        type_code(_wrong(codes[1]))
    assert type_code(codes[1]).status_code == 429
    wall.advance(timedelta(seconds=59))
    assert type_code(codes[1]).status_code == 429
    wall.advance(timedelta(seconds=2))
    response = type_code(codes[1])
    assert response.status_code == 302 and response.location == "/"


def test_the_sandbox_clock_does_not_lift_the_lock(app, codes):
    """A guesser who opened a sandbox and moved its clock a day ahead is still locked: the
    throttle runs on wall time."""
    web = app.test_client()
    token = csrf_from(web.get("/").get_data(as_text=True))
    web.post("/commencer", data={"csrf_token": token})
    token = csrf_from(web.get("/").get_data(as_text=True))
    for _ in range(10):
        web.post("/rejoindre", data={"passcode": _wrong(codes[0]), "csrf_token": token})
    web.post("/horloge/avancer/1jour", data={"csrf_token": token})
    response = web.post("/rejoindre", data={"passcode": codes[0], "csrf_token": token})
    assert response.status_code == 429


def test_other_addresses_are_not_locked_by_one_guesser(app, codes):
    guesser = _typing(app, "192.0.2.66")
    for _ in range(10):
        guesser(_wrong(codes[0]))
    assert guesser(codes[0]).status_code == 429
    assert _typing(app, "192.0.2.7")(codes[0]).status_code == 302


def test_many_addresses_guessing_one_class_are_throttled_together(app, codes, wall):
    """Thirty wrong codes a minute for one class group, from any number of addresses: then
    the group's codes are not checked, whoever types them, until the minute has passed."""
    for number in range(30):
        assert _typing(app, f"198.51.100.{number}")(_wrong(codes[0])).status_code in (400, 429)
    newcomer = _typing(app, "203.0.113.5")
    response = newcomer(codes[2])
    assert response.status_code == 429
    assert "Réessayez dans 1 minute" in response.get_data(as_text=True)
    wall.advance(timedelta(minutes=1, seconds=1))
    assert newcomer(codes[2]).status_code == 302


def test_the_throttle_is_kept_in_the_database_not_in_a_process(app, codes, tmp_path):
    """A second instance of the app (another worker or host) on the same database sees the
    first one's count."""
    first = _typing(app)
    for _ in range(10):
        first(_wrong(codes[0]))
    other = create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD))
    other.extensions["sim.wall_clock"].set(app.extensions["sim.wall_clock"].now())
    try:
        assert _typing(other)(codes[0]).status_code == 429
    finally:
        other.extensions["sim.db"].dispose()


def test_the_addresses_are_not_stored(app, codes):
    _typing(app, "192.0.2.99")(_wrong(codes[0]))
    with app.extensions["sim.db"].session() as db:
        keys = [row.key for row in db.query(JoinFailure).all()]
    assert keys and not any("192.0.2.99" in key for key in keys)
    assert any(key == codes[0][:4] for key in keys)


def test_an_unknown_passcode_and_a_malformed_one_say_how_a_code_looks(app):
    type_code = _typing(app)
    for typed in ("ZZZZ-ZZZZZZ", "ABCDEF", "O0O0-I1I1I1"):
        response = type_code(typed)
        assert response.status_code == 400
        assert "deux groupes de caractères de votre fiche" in response.get_data(as_text=True)
