"""OneGov's small rules: the organisation policy and the browser column of recent logins."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simulator.domain.faults import Faults
from simulator.portals.onegov import browsers
from simulator.portals.onegov.common import ALLOWED, FORBIDDEN, REQUIRED, policy, set_policy


def sandbox(chosen=None, faults=None):
    return SimpleNamespace(
        sandbox=SimpleNamespace(onegov_policy=chosen, settings={"seen": []}),
        faults=Faults.from_dict(faults),
    )


@pytest.mark.parametrize(
    "chosen, faults, expected",
    [
        (None, None, ALLOWED),
        ("required", None, REQUIRED),
        ("forbidden", None, FORBIDDEN),
        ("n'importe quoi", None, ALLOWED),
        ("required", {"onegov_forbids_2fa": True}, FORBIDDEN),
        (None, {"onegov_forbids_2fa": True}, FORBIDDEN),
    ],
)
def test_policy(chosen, faults, expected):
    assert policy(sandbox(chosen, faults)) == expected


def test_set_policy_sets_the_sandbox_column_only():
    context = sandbox()
    set_policy(context, REQUIRED)
    assert context.sandbox.onegov_policy == REQUIRED and policy(context) == REQUIRED
    assert context.sandbox.settings == {"seen": []}


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
