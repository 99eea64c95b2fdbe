"""Phishing drills (issue 26): lures delivered into the sandbox, answered from the mailbox and
the phone, scored on « Signaler », and never a phishing kit: reserved names only, no link out
of the simulator, nothing typed on a lure page kept anywhere."""

from __future__ import annotations

import logging
import re

import pytest
from markupsafe import escape
from sqlalchemy import inspect, select, text

from simulator.domain import lures
from simulator.services import exercises
from simulator.store import LureDrill
from tests.conftest import make_test_config
from tests.helpers import INSTRUCTOR_PASSWORD as PASSWORD
from tests.helpers import Instructor, join

TYPED_CODE = "739154"
TYPED_PASSWORD = "Mot-de-passe-tape-7391"


def launch(web, lure_key: str):
    """« Lancer l'exercice » on the progress page, as a trainee."""
    exercise = lures.BY_KEY[lure_key].exercise
    response = web.post(f"/progression/{exercise}/incident")
    assert response.status_code == 302
    assert "Exercice lancé" in web.text("/progression")


def mail_id(web, subject: str) -> int:
    page = web.text("/messagerie/")
    match = re.search(
        r'/messagerie/message/(\d+)"[^>]*>.*?' + re.escape(str(escape(subject))), page, re.S
    )
    assert match, page
    return int(match.group(1))


def sms_ids(web) -> list[int]:
    return [int(i) for i in re.findall(r"/messages/(\d+)/pas-moi", web.text("/telephone/"))]


def lure_link(web, message_page: str) -> str:
    match = re.search(r'href="(/leurre/\d+)"', message_page)
    assert match, message_page
    return match.group(1)


def credited(web) -> set[str]:
    page = web.text("/progression")
    return {
        e.key
        for e in exercises.CATALOGUE
        if e.lure and f'data-testid="status-{e.key}"><span class="tag ok">' in page
    }


# --- never a phishing kit -------------------------------------------------------------------


@pytest.mark.parametrize("lure", lures.LURES, ids=lambda lure: lure.key)
def test_every_lure_address_is_under_a_reserved_name(lure):
    if lure.channel == "mail":
        assert lure.sender.endswith(lures.RESERVED_SUFFIXES)
        assert lures.is_reserved(lure.sender)
    else:  # an SMS's sender: a service's name, or a number of the range kept for fiction
        assert "@" not in lure.sender and "." not in lure.sender
        digits = re.sub(r"\D", "", lure.sender)
        assert digits.startswith("33639") or not digits
    if lure.url:
        assert lure.url.startswith("https://") and lures.is_reserved(lure.url)
    for address in re.findall(
        r"[\w.-]+@[\w.-]+|https?://\S+", lure.body + " ".join(lure.giveaways)
    ):
        genuine = (lure.genuine_sender or "").casefold()
        assert lures.is_reserved(address) or address.rstrip(".").casefold() == genuine, address


def test_reserved_names_are_recognised_and_others_refused():
    assert lures.is_reserved("https://a.gouv.fr.verification.test/x")
    assert lures.is_reserved("x@y.invalid") and lures.is_reserved("http://z.example")
    assert not lures.is_reserved("ne-pas-repondre@dgfip.finances.gouv.fr")
    assert not lures.is_reserved("https://verification.test.gouv.fr/")


def test_the_differing_characters_are_highlighted():
    runs = lures.highlight("dgfip.finances.gouv.fr.verification.test", "dgfip.finances.gouv.fr")
    assert runs == [("dgfip.finances.gouv.fr", False), (".verification.test", True)]
    assert lures.registered_name("dgfip.finances.gouv.fr.verification.test") == "verification.test"


@pytest.mark.parametrize("key", [lure.key for lure in lures.LURES if lure.url])
def test_a_lure_page_keeps_the_banner_and_links_nowhere_outside(browser_client, key):
    launch(browser_client, key)
    lure = lures.BY_KEY[key]
    if lure.channel == "mail":
        message = browser_client.text(
            f"/messagerie/message/{mail_id(browser_client, lure.subject)}"
        )
    else:
        message = browser_client.text("/telephone/")
    path = lure_link(browser_client, message)
    page = browser_client.text(path)
    assert "Simulateur de formation" in page and "aucun service officiel" in page
    assert 'data-testid="lure-address"' in page and lure.url in page
    for attribute in re.findall(r'(?:href|src|action)="([^"]*)"', page + message):
        assert attribute.startswith(("/", "#")) and not attribute.startswith("//"), attribute
    # The fields have no name: a browser sends nothing typed into them.
    inputs = re.findall(r"<input[^>]*data-lure-input[^>]*>", page)
    assert inputs and not any("name=" in i for i in inputs)


# --- the expected answers --------------------------------------------------------------------


def test_reporting_the_fake_pigp_mail_is_credited_with_its_debrief(browser_client):
    launch(browser_client, "faux-courriel-pigp")
    lure = lures.BY_KEY["faux-courriel-pigp"]
    message_id = mail_id(browser_client, lure.subject)
    response = browser_client.post(f"/messages/{message_id}/signaler")
    assert response.status_code == 302 and "/bilan" in response.location
    debrief = browser_client.text(response.location)
    assert "Bonne réponse" in debrief and str(escape(lure.right)) in debrief
    assert "<mark>" in debrief and ".verification.test" in debrief
    assert "verification.test</strong>, pas à gouv.fr" in debrief
    assert credited(browser_client) == {"leurre-faux-courriel-pigp"}


def test_the_three_drills_of_the_issue_are_credited(browser_client):
    """Done when: reports the PIGP lookalike, « Ce n'est pas moi » to an unrequested SMS code,
    reports the fake assistance: three exercises credited."""
    launch(browser_client, "faux-courriel-pigp")
    pigp_mail = mail_id(browser_client, lures.BY_KEY["faux-courriel-pigp"].subject)
    browser_client.post(f"/messages/{pigp_mail}/signaler")
    launch(browser_client, "code-non-demande")
    (code_sms,) = sms_ids(browser_client)
    assert "318 406" in browser_client.text("/telephone/")
    assert browser_client.post(f"/messages/{code_sms}/pas-moi").status_code == 302
    launch(browser_client, "fausse-assistance")
    assistance_sms = max(sms_ids(browser_client))
    browser_client.post(f"/messages/{assistance_sms}/signaler")
    assert credited(browser_client) == {
        "leurre-faux-courriel-pigp",
        "leurre-code-non-demande",
        "leurre-fausse-assistance",
    }


def test_deleting_without_reporting_counts_for_less_and_says_so(browser_client):
    launch(browser_client, "pousse-sms")
    lure = lures.BY_KEY["pousse-sms"]
    message_id = mail_id(browser_client, lure.subject)
    response = browser_client.post(f"/messages/{message_id}/supprimer")
    debrief = browser_client.text(response.location)
    assert "Supprimé, mais pas signalé" in debrief and "compte moins" in debrief
    assert lure.subject not in browser_client.text("/messagerie/")
    assert credited(browser_client) == set()
    # The first answer ended the drill: reporting afterwards is not possible (message gone).
    assert browser_client.post(f"/messages/{message_id}/signaler").status_code == 404


def test_genuine_messages_can_be_reported_deleted_or_disowned_without_a_drill(browser_client, pigp):
    pigp.login()
    message_id = int(
        re.findall(r"/messagerie/message/(\d+)", browser_client.text("/messagerie/"))[0]
    )
    response = browser_client.post(f"/messages/{message_id}/signaler")
    assert response.location == "/messagerie/"
    assert "Celui-ci était authentique" in browser_client.text(response.location)
    assert browser_client.post(f"/messages/{message_id}/pas-moi").status_code == 404  # a mail
    browser_client.post(f"/messages/{message_id}/supprimer")
    assert "PIGP - Votre code de connexion" not in browser_client.text("/messagerie/")


# --- a lure followed ------------------------------------------------------------------------


def test_typing_on_the_lure_page_ends_the_drill_and_nothing_typed_is_kept(
    app, browser_client, caplog
):
    caplog.set_level(logging.DEBUG)
    launch(browser_client, "pousse-sms")
    lure = lures.BY_KEY["pousse-sms"]
    message = browser_client.text(f"/messagerie/message/{mail_id(browser_client, lure.subject)}")
    path = lure_link(browser_client, message)
    browser_client.get(path)
    # Even a hand-made request that names the fields is read for its CSRF token only.
    response = browser_client.post(
        path + "/saisie",
        {"code": TYPED_CODE, "password": TYPED_PASSWORD, "lure-field-1": TYPED_CODE},
    )
    assert response.status_code == 302 and response.location.endswith("/bilan")
    debrief = browser_client.text(response.location)
    assert "C'était un exercice d'hameçonnage" in debrief and "rien n'a été envoyé" in debrief
    assert "mfa-sms.invalid" in debrief
    assert credited(browser_client) == set()
    engine = app.extensions["sim.db"].engine
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                dumped = repr(tuple(row))
                assert TYPED_CODE not in dumped and TYPED_PASSWORD not in dumped, table
    assert TYPED_CODE not in caplog.text and TYPED_PASSWORD not in caplog.text
    with app.app_context():
        with app.extensions["sim.db"].session() as session:
            drill = session.scalars(select(LureDrill)).one()
            assert (drill.outcome, drill.opened_at is not None) == ("typed", True)
    # Reporting after typing changes nothing: the first answer ended the drill.
    message_id = mail_id(browser_client, lure.subject)
    browser_client.post(f"/messages/{message_id}/signaler")
    assert credited(browser_client) == set()


def test_an_unrequested_sms_code_has_no_page(browser_client):
    launch(browser_client, "code-non-demande")
    assert "/leurre/" not in browser_client.text("/telephone/")


# --- errors and isolation -------------------------------------------------------------------


def test_bad_requests_are_refused_in_french(browser_client, other_browser):
    launch(browser_client, "faux-courriel-pigp")
    message = browser_client.text(
        f"/messagerie/message/{mail_id(browser_client, lures.BY_KEY['faux-courriel-pigp'].subject)}"
    )
    path = lure_link(browser_client, message)
    drill_id = int(path.rsplit("/", 1)[1])
    assert browser_client.get(path + "/bilan").status_code == 404  # not ended yet
    assert browser_client.post(path + "/saisie", csrf=False).status_code == 400
    assert browser_client.post("/messages/999999/signaler").status_code == 404
    assert browser_client.post("/messages/1/ignorer").status_code == 404
    assert browser_client.get("/leurre/99999999999999999999999").status_code == 404
    # Another trainee reaches neither the page nor the message.
    assert other_browser.get(path).status_code == 404
    assert other_browser.post(path + "/saisie").status_code == 404
    assert other_browser.get(f"/leurre/{drill_id}/bilan").status_code == 404


def test_a_lure_for_later_is_not_there_before_its_moment(app, browser_client):
    from simulator.services import lures as drills
    from simulator.services.context import SandboxContext
    from simulator.store import Sandbox

    sandbox_id = browser_client.state()["id"]
    with app.app_context(), app.extensions["sim.db"].session() as session:
        wall = app.extensions["sim.wall_clock"]
        context = SandboxContext(session, session.get(Sandbox, sandbox_id), wall)
        drill_id = drills.send(context, "faux-courriel-pigp", delay_minutes=15, by="formateur").id
    assert "Confirmez votre code" not in browser_client.text("/messagerie/")
    assert browser_client.get(f"/leurre/{drill_id}").status_code == 404
    for _ in range(3):
        browser_client.post("/horloge/avancer/5min")
    assert "Confirmez votre code" in browser_client.text("/messagerie/")


# --- the trainer ----------------------------------------------------------------------------


@pytest.fixture
def class_app(tmp_path):
    application = create_app_with_password(tmp_path)
    yield application
    application.extensions["sim.db"].dispose()


def create_app_with_password(tmp_path):
    from simulator import create_app

    return create_app(make_test_config(tmp_path, INSTRUCTOR_PASSWORD=PASSWORD))


def test_the_trainer_sends_to_the_class_and_sees_both_outcomes(class_app):
    teacher = Instructor(class_app.test_client())
    teacher.login()
    class_url = teacher.create_class(size=2)
    first, second = (join(class_app, code) for code in teacher.passcodes(class_url))
    response = teacher.post(class_url + "/leurre", {"lure": "faux-courriel-pigp", "delay": "0"})
    assert response.status_code == 302
    subject = lures.BY_KEY["faux-courriel-pigp"].subject
    first.post(f"/messages/{mail_id(first, subject)}/signaler")
    path = lure_link(second, second.text(f"/messagerie/message/{mail_id(second, subject)}"))
    second.get(path)
    second.post(path + "/saisie")
    page = teacher.client.get(class_url).get_data(as_text=True)
    records = page.split('data-testid="lure-records"')[1]
    assert "✓ signalé" in records and "✗ piégé : saisie sur la page" in records
    assert re.search(
        r'>\d+ s</td>\s*<td data-label="Page ouverte">non</td>', records
    )  # reported without opening
    assert re.search(r'"Page ouverte">oui</td>', records)  # the page opened by the one who typed
    assert 'data-exercise="leurre-faux-courriel-pigp" data-done="1"' in page
    assert 'data-exercise="leurre-faux-courriel-pigp" data-done="0"' in page


def test_the_trainer_sends_to_one_trainee_at_a_chosen_moment(class_app):
    teacher = Instructor(class_app.test_client())
    teacher.login()
    class_url = teacher.create_class(size=2)
    first, second = (join(class_app, code) for code in teacher.passcodes(class_url))
    trainee_url = re.search(
        r'href="(/formateur/stagiaires/\w+)"', teacher.client.get(class_url).get_data(as_text=True)
    ).group(1)
    assert (
        teacher.post(
            trainee_url + "/leurre", {"lure": "code-non-demande", "delay": "5"}
        ).status_code
        == 302
    )
    assert teacher.post(trainee_url + "/leurre", {"lure": "nope", "delay": "5"}).status_code == 400
    assert (
        teacher.post(
            trainee_url + "/leurre", {"lure": "code-non-demande", "delay": "7"}
        ).status_code
        == 400
    )
    page = teacher.client.get(trainee_url).get_data(as_text=True)
    assert "Code SMS non demandé" in page and "pas encore de réponse" in page
    phones = [first.text("/telephone/"), second.text("/telephone/")]
    assert not any("318 406" in p for p in phones)  # five minutes of sandbox time to go
    teacher.post(trainee_url + "/horloge/30min")
    phones = [first.text("/telephone/"), second.text("/telephone/")]
    assert sum("318 406" in p for p in phones) == 1
