"""The runner waits for the page a step names: a click that submits a form navigates a moment
later, and a step that looked at the tab at once saw the page before (CI, 2026-12-02: the
recorded Karbon set-up stopped on « expected page '/karbon/configuration-2fa', the tab shows
'/karbon/activation' » one run in many)."""

from __future__ import annotations

import pytest

from simulator.procedures.model import Step
from walkthroughs.runner import arrive

pytestmark = pytest.mark.browser

LOGIN = Step(id="pigp", page="/pigp/connexion", caption="La connexion au PIGP.")


def test_a_step_waits_for_a_navigation_that_comes_a_moment_after_the_click(page):
    """The page fixture has opened its sandbox: the portal's login page is one step away."""
    page.evaluate("() => setTimeout(() => { location.href = '/pigp/connexion' }, 400)")
    assert arrive(page, LOGIN, timeout_ms=5_000) == "/pigp/connexion"


def test_a_step_on_the_wrong_page_is_reported_with_the_page_the_tab_shows(page):
    assert arrive(page, LOGIN, timeout_ms=300) == "/"
