"""Guided mode, checked against the walkthroughs themselves: at every step the trainee acts on,
the page outlines exactly the element the walkthrough names. The guidance and the guide cannot disagree."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from simulator.procedures.model import by_slug, load_all
from walkthroughs.audit import StepAudit, report
from walkthroughs.runner import Mode, SimulatorServer, _expect_clear_of_the_panel, run

EVERY_GUIDED = [w.slug for w in load_all() if w.guided]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def guided_server():
    with SimulatorServer() as server:
        yield server


@pytest.mark.browser
@pytest.mark.parametrize("slug", EVERY_GUIDED)
def test_every_walkthrough_played_in_guided_mode_goes_from_1_to_n(
    slug, browser, guided_server, axe, tmp_path
):
    """As a trainee following the panel on a phone (390 px, where issue 22 saw it skip): at
    every step it shows N of T (no jump, no step left out), outlines the step's element (or,
    for another tab, the bar's link that opens it), a reading step waits for « J'ai compris »,
    and the end says « Procédure terminée » (the checks are the runner's guided mode).

    Every step is checked at 1280 px too, in the same replay, before the trainee acts: the
    panel beside the page says the same step, outlines the same element and leaves it clear,
    and axe audits the page with the panel open (its controls' contrast on each portal's
    colours included). One browser, one server for all of them; no screenshots."""
    walkthrough = by_slug([slug])[0]
    audit = StepAudit(axe=axe)
    result = run(
        walkthrough,
        browser,
        guided_server.url,
        tmp_path,
        guided=True,
        mode=Mode(viewport=PHONE, also_at=DESKTOP, screenshots=False, inspect=audit),
    )
    assert result.images == []
    assert not audit.findings, report(audit.findings, "axe, pas à pas ouvert, 1280 px :")
    assert audit.steps == len(walkthrough.shown_steps())


def _guided_page(browser, server, slug: str, path: str):
    from walkthroughs.browser import CONTEXT_ARGS

    context = browser.new_context(**CONTEXT_ARGS, base_url=server.url)
    page = context.new_page()
    page.goto("/")
    start = page.get_by_role("button", name="Commencer", exact=True)
    if start.count():  # sandboxes are created by an explicit « Commencer »
        start.click()
    context.request.post("/_sim/settings", data={"guided": slug, "guided_index": 0})
    page.goto(path)
    return context, page


@pytest.mark.browser
def test_guided_mode_moves_on_once_the_outlined_button_was_used(browser, guided_server):
    """Karbon step 1 keeps the trainee on the login page: the panel must still move on, and
    never outline « Renvoyer l'invitation » as if it were step 1 again."""
    context, page = _guided_page(
        browser, guided_server, "karbon-configuration", "/karbon/connexion"
    )
    try:
        panel = page.get_by_test_id("guided-panel")
        expect(panel).to_contain_text("étape 1/")
        invitation = page.get_by_role("button", name="Recevoir l'invitation du cabinet", exact=True)
        expect(invitation).to_have_attribute("data-guided", "1")
        invitation.click()
        page.wait_for_load_state()
        expect(panel).to_contain_text("étape 2/")
        # step 2 happens in the mailbox: the bar's link that opens it is the one outlined
        expect(panel).to_contain_text("Dans un autre onglet")
        expect(page.get_by_test_id("bar-mailbox")).to_have_attribute("data-guided", "1")
        assert page.locator("[data-guided]").count() == 1
    finally:
        context.close()


@pytest.mark.browser
def test_opening_a_later_steps_tab_early_does_not_skip_a_step(browser, guided_server):
    """Issue 22: opening the mailbox at step 1 made the panel jump to the mailbox's step. Now
    the panel stays on step 1 in both tabs, and says where step 1 happens."""
    context, page = _guided_page(
        browser, guided_server, "pigp-premiere-connexion", "/pigp/connexion"
    )
    try:
        mailbox = context.new_page()
        mailbox.goto("/messagerie/")
        mailbox_panel = mailbox.get_by_test_id("guided-panel")
        expect(mailbox_panel).to_contain_text("étape 1/6")
        expect(mailbox_panel).to_contain_text("Revenez à l'onglet du portail")
        page.bring_to_front()
        page.evaluate("window.dispatchEvent(new Event('focus'))")
        expect(page.get_by_test_id("guided-panel")).to_contain_text("étape 1/6")
        expect(page.get_by_role("button", name="Connexion")).to_have_attribute("data-guided", "1")
    finally:
        context.close()


@pytest.mark.browser
def test_a_reading_step_waits_for_j_ai_compris(browser, guided_server):
    context, page = _guided_page(
        browser, guided_server, "pigp-premiere-connexion", "/pigp/connexion"
    )
    try:
        panel = page.get_by_test_id("guided-panel")
        understood = panel.get_by_role("button", name="J'ai compris")
        expect(understood).to_be_hidden()  # step 1 is done by « Connexion », not by reading
        state = page.request.get("/_sim/sandbox.json").json()["accounts"]["pigp"]
        page.get_by_label("Identifiant").fill(state["username"])
        page.get_by_label("Mot de passe").fill(state["password"])
        page.get_by_label("Mot de passe").press("Enter")  # the form sent with Enter does step 1
        expect(panel).to_contain_text("étape 2/6")
        expect(page.get_by_label("Code à 6 chiffres")).to_have_attribute("data-guided", "1")
        page.wait_for_timeout(3500)  # a poll later, still step 2: reading moves nothing by itself
        expect(panel).to_contain_text("étape 2/6")
        understood.click()
        expect(panel).to_contain_text("étape 3/6")
        expect(page.get_by_test_id("bar-mailbox")).to_have_attribute("data-guided", "1")
    finally:
        context.close()


@pytest.mark.browser
def test_an_element_under_the_panel_fails_the_check(browser):
    """The 1280 px check can fail: the outlined element under the panel is reported."""
    page = browser.new_page()  # a blank page: the simulator's CSP refuses style attributes
    page.set_content(
        """<button>Valider</button><p style="margin-top:400px"><button>Plus bas</button></p>
        <aside data-testid="guided-panel" style="position:fixed;inset:0 auto auto 0;
        width:300px;height:200px;background:#fff">Pas à pas</aside>"""
    )
    with pytest.raises(AssertionError, match="cache l'élément entouré"):
        _expect_clear_of_the_panel(page.get_by_role("button", name="Valider"))
    _expect_clear_of_the_panel(page.get_by_role("button", name="Plus bas"))
    page.close()
