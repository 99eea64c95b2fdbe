"""Shared by the accessibility tests: one axe-core (French, WCAG A and AA) per run, and the
walkthrough simulator, started once per test process (pytest-xdist gives each worker its own)."""

from __future__ import annotations

import pytest

from walkthroughs.audit import Axe
from walkthroughs.runner import SimulatorServer


@pytest.fixture(scope="session")
def axe():
    found = Axe()
    yield found


@pytest.fixture(scope="session")
def walkthrough_server():
    with SimulatorServer() as server:
        yield server
