"""Guided mode's panel data, read as the page's script reads it."""

from __future__ import annotations

import re

from simulator.domain.outbox import mask_address


def _start(web, slug: str) -> None:
    assert web.post(f"/pas-a-pas/commencer/{slug}").status_code == 302


def _step(web, path: str) -> dict:
    return web.get("/pas-a-pas/etape", query_string={"chemin": path}).get_json()


def test_a_step_naming_the_masked_address_outlines_this_trainees_own(browser_client):
    _start(browser_client, "pigp-premiere-connexion")
    home = browser_client.text("/")
    username = re.search(r'data-testid="username-pigp">([^<]+)<', home).group(1)
    password = re.search(r'data-testid="password-pigp">([^<]+)<', home).group(1)
    browser_client.post("/pigp/connexion", {"username": username, "password": password})
    code_page = browser_client.text("/pigp/code")
    shown = re.search(r'data-testid="masked-address">([^<]+)<', code_page).group(1)
    step = _step(browser_client, "/pigp/code")
    assert step["here"] is True
    assert step["first"]["target"] == {"text": shown}
    assert "*" in shown and shown != mask_address("gaston.martin@collectivite.test")


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
