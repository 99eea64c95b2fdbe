"""A phishing drill clicked through in Chromium (issue 26): the lure page's script ends the
drill at the first digit typed, and neither the page, the request, the database nor the log
keeps what was typed; the phone's « Ce n'est pas moi » is credited."""

from __future__ import annotations

import logging
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import inspect, text

pytestmark = pytest.mark.browser

TYPED = "905172"
EXERCISE = "Lancer l'exercice « {} »"


def launch(page, title: str) -> None:
    page.goto("/progression")
    page.get_by_role("button", name=EXERCISE.format(title)).click()
    expect(page.get_by_text("Exercice lancé")).to_be_visible()


def test_typing_a_code_on_the_lure_page_ends_the_drill_and_leaves_no_trace(
    page, live_server, caplog
):
    caplog.set_level(logging.DEBUG)
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.post_data or "") if r.method == "POST" else None)
    launch(page, "Repérer le faux courriel du PIGP")
    page.goto("/messagerie/")
    page.get_by_role("link", name=re.compile("PIGP - Confirmez votre code")).click()
    page.get_by_role(
        "link", name="https://dgfip.finances.gouv.fr.verification.test/confirmer-code"
    ).click()
    expect(page.get_by_test_id("lure-address")).to_contain_text("verification.test")
    expect(page.get_by_role("note")).to_contain_text("Simulateur de formation")
    page.wait_for_load_state("load")  # lure.js listens once the page has loaded (a busy CI)
    page.get_by_label("Code à 6 chiffres").press_sequentially(TYPED)
    expect(page.get_by_role("alert")).to_contain_text("Exercice terminé", timeout=15_000)
    expect(page.get_by_label("Code à 6 chiffres")).to_have_value("")
    page.get_by_role("button", name="Voir le bilan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("C'était un exercice d'hameçonnage")
    assert not any(TYPED in body for body in posted)
    engine = live_server.app.extensions["sim.db"].engine
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                assert TYPED not in repr(tuple(row)), table
    assert TYPED not in caplog.text
    page.goto("/progression")
    expect(page.get_by_test_id("status-leurre-faux-courriel-pigp")).to_have_text("à faire")


def test_ce_n_est_pas_moi_on_the_phone_is_credited(page):
    launch(page, "Un code que vous n'avez pas demandé")
    page.goto("/telephone/")
    page.get_by_role("button", name=re.compile("^Ce n'est pas moi")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bonne réponse : c'était un exercice d'hameçonnage"
    )
    page.goto("/progression")
    expect(page.get_by_test_id("status-leurre-code-non-demande")).to_have_text("terminé")
