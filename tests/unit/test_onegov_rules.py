"""OneGov's small rules: the organisation policy and the browser column of recent logins."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from simulator.domain.faults import Faults
from simulator.domain.organisation_settings import OnegovSettings
from simulator.portals.onegov import browsers, common
from simulator.portals.onegov.common import ALLOWED, FORBIDDEN, POLICIES, REQUIRED, policy


@pytest.fixture
def stored(monkeypatch) -> dict:
    """The organisation's stored settings (services.portal_settings, here a dict)."""
    values: dict = {}
    monkeypatch.setattr(
        common.portal_settings, "read", lambda _ctx, _portal: OnegovSettings(**values)
    )
    return values


@pytest.mark.parametrize(
    "chosen, faults, expected",
    [
        (None, None, ALLOWED),
        ("required", None, REQUIRED),
        ("forbidden", None, FORBIDDEN),
        ("required", {"onegov_forbids_2fa": True}, FORBIDDEN),
        (None, {"onegov_forbids_2fa": True}, FORBIDDEN),
    ],
)
def test_the_fault_switch_wins_then_the_administrator_s_choice_else_allowed(
    stored, chosen, faults, expected
):
    if chosen:
        stored["policy"] = chosen
    assert policy(SimpleNamespace(faults=Faults.from_dict(faults))) == expected


def test_the_stored_policy_is_one_the_administrator_can_choose():
    assert set(OnegovSettings.model_fields["policy"].annotation.__args__) == set(POLICIES)
    with pytest.raises(ValidationError):
        OnegovSettings(policy="n'importe quoi")


@pytest.mark.parametrize(
    "agent, expected",
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox sur Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36",
            "Chrome sur Linux",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
            "Safari sur iPhone",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
            "Chrome sur Android",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
            "Edge sur Windows",
        ),
        ("Werkzeug/3.1", "Autre navigateur"),
        ("", "Autre navigateur"),
        (None, "Autre navigateur"),
    ],
)
def test_browser_label(agent, expected):
    assert browsers.label(agent) == expected
