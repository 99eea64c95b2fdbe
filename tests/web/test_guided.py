"""Guided mode's panel data, read as the page's script reads it."""

from __future__ import annotations

import re

from simulator.domain.outbox import mask_address


def _start(web, slug: str) -> None:
    assert web.post(f"/pas-a-pas/commencer/{slug}").status_code == 302


def _step(web, path: str, tab: str | None = None) -> dict:
    query = {"chemin": path, **({"onglet": tab} if tab else {})}
    return web.get("/pas-a-pas/etape", query_string=query).get_json()


def _done(web, number: int):
    return web.post("/pas-a-pas/fait", {"etape": str(number)})


def test_a_step_naming_the_trainees_own_value_outlines_this_trainees_own(browser_client, app):
    """{accounts.pigp.username} in a target is this sandbox's own identifier."""
    from types import SimpleNamespace

    from flask import g

    from simulator.procedures.model import Step
    from simulator.sandbox import guided

    home = browser_client.text("/")
    username = re.search(r'data-testid="username-pigp">([^<]+)<', home).group(1)
    assert "*" not in username and mask_address("a.b@c.test") != username
    step = Step.model_validate(
        {"id": "x", "page": "/", "caption": "C.", "target": {"text": "{accounts.pigp.username}"}}
    )
    with app.test_request_context("/"):
        g.ctx = SimpleNamespace(
            persona=SimpleNamespace(
                first_name="A", last_name="B", full_name="A B", email="a.b@c.test",
                mobile="+33639980000", mobile_national="06 39 98 00 00",
                accounts={"pigp": SimpleNamespace(username=username, password="p")},
            )
        )  # fmt: skip
        assert guided._target(step) == {"text": username}


def test_progress_moves_only_by_the_current_steps_own_action(browser_client):
    """No jump: reaching a later step's page, or a report of another step, moves nothing."""
    _start(browser_client, "pigp-premiere-connexion")
    assert _step(browser_client, "/messagerie/", "messagerie")["number"] == 1
    assert _step(browser_client, "/pigp/code")["number"] == 1
    for number in (3, 2, 6):  # not the current step
        assert _done(browser_client, number).status_code == 204
        assert _step(browser_client, "/pigp/connexion")["number"] == 1
    assert _done(browser_client, 1).status_code == 204
    assert _done(browser_client, 1).status_code == 204  # the same report twice: once
    step = _step(browser_client, "/pigp/code")
    assert step["number"] == 2 and step["here"] and step["reading"]
    assert step["target"] == {"field": "Code à 6 chiffres"}  # the field the caption names


def test_a_step_in_another_tab_outlines_the_bars_link_that_opens_it(browser_client):
    _start(browser_client, "pigp-premiere-connexion")
    _done(browser_client, 1)
    _done(browser_client, 2)
    step = _step(browser_client, "/pigp/code")
    assert step["number"] == 3 and not step["here"] and not step["reading"]
    assert step["where"].startswith("Dans un autre onglet")
    assert step["target"] == {"css": '[data-testid="bar-mailbox"]'}
    in_mailbox = _step(browser_client, "/messagerie/", "messagerie")
    assert in_mailbox["here"] and in_mailbox["target"]["link"] == "PIGP - Votre code de connexion"
    # a portal page opened in the mailbox's tab is the mailbox's tab, not the portal's
    _done(browser_client, 3)
    _done(browser_client, 4)
    step = _step(browser_client, "/pigp/code", "messagerie")
    assert step["number"] == 5 and step["where"] == "Revenez à l'onglet du portail :"
    assert _step(browser_client, "/pigp/code", "portail")["here"]


def test_the_last_step_done_says_the_procedure_is_over_and_offers_the_way_back(browser_client):
    _start(browser_client, "pigp-premiere-connexion")
    for number in range(1, 7):
        _done(browser_client, number)
    step = _step(browser_client, "/pigp/accueil")
    assert step["finished"] and step["caption"].startswith("Procédure terminée")
    page = browser_client.text("/pigp/connexion")  # any page of the sandbox
    assert "Procédure terminée : vous avez fait les 6 étapes." in page
    assert 'data-testid="guided-stop"' in page and 'href="/pas-a-pas/"' in page


def test_done_refuses_a_bad_step_number_or_no_token(browser_client):
    _start(browser_client, "pigp-premiere-connexion")
    for value in ("0", "7", "x", ""):
        assert browser_client.post("/pas-a-pas/fait", {"etape": value}).status_code == 400
    assert browser_client.post("/pas-a-pas/fait", {"etape": "1"}, csrf=False).status_code == 400
    assert _step(browser_client, "/pigp/connexion")["number"] == 1


def test_a_target_naming_a_value_read_on_screen_is_left_to_the_caption(app, monkeypatch):
    """{vars.code} is read by the runner from the screen; guided mode cannot know it, so it
    outlines nothing rather than an element named « {vars.code} »."""
    from types import SimpleNamespace

    from flask import g

    from simulator.procedures.model import Step
    from simulator.sandbox import guided

    monkeypatch.setattr(
        guided, "placeholders", lambda persona: {"accounts": {"pigp": {"username": "u-42"}}}
    )

    def step(name: str) -> Step:
        return Step.model_validate(
            {
                "id": "x",
                "page": "/pigp/code",
                "caption": "Lisez.",
                "target": {"text": name},
                "action": "none",
            }
        )

    with app.test_request_context("/"):
        g.ctx = SimpleNamespace(persona=None)
        assert guided._target(step("{vars.code}")) is None
        assert guided._target(step("Compte {accounts.pigp.username}")) == {"text": "Compte u-42"}


def test_a_walkthrough_of_the_sandbox_s_own_tools_is_not_offered_in_guided_mode(browser_client):
    """The recorder's walkthrough makes the QA page's screenshots; following it in guided mode
    would record a recording."""
    page = browser_client.text("/pas-a-pas/")
    assert "Enregistrer une procédure dans le bac à sable" not in page
    assert "Première connexion au PIGP" in page
    response = browser_client.post("/pas-a-pas/commencer/support-enregistrer-une-procedure")
    assert response.status_code == 404
