"""Guided mode, checked against the walkthroughs themselves: at every step the trainee acts on,
the page outlines exactly the element the walkthrough names. The guidance and the guide cannot disagree."""

from __future__ import annotations

import pytest

from walkthroughs.model import by_slug
from walkthroughs.runner import SimulatorServer, run

GUIDED = ["karbon-configuration", "pigp-premiere-connexion", "onegov-activer-2fa"]


@pytest.fixture(scope="module")
def guided_server():
    with SimulatorServer() as server:
        yield server


@pytest.mark.browser
@pytest.mark.parametrize("slug", GUIDED)
def test_guided_mode_outlines_each_step_of(slug, browser, guided_server, tmp_path):
    walkthrough = by_slug([slug])[0]
    result = run(walkthrough, browser, guided_server.url, tmp_path, guided=True)
    assert result.images == []  # guided runs check the outline; they take no screenshots
