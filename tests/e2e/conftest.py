"""The browser tests' trainee, built on the ``page`` fixture of ``tests/conftest.py`` (the
sandbox already opened by « Commencer »)."""

from __future__ import annotations

import pytest

from .trainee import Trainee


@pytest.fixture
def trainee(page) -> Trainee:
    """The trainee's browser: the sandbox's tools, and each portal's login (``trainee.pigp()``)."""
    return Trainee(page)
