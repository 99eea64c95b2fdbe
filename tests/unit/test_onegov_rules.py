"""OneGov's small rules: the organisation policy and the browser column of recent logins."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simulator.domain.outbox import Faults
from simulator.portals.onegov import browsers
from simulator.portals.onegov.common import ALLOWED, FORBIDDEN, REQUIRED, policy, set_policy


def sandbox(settings=None, faults=None):
    return SimpleNamespace(sandbox=SimpleNamespace(settings=settings), faults=Faults.from_dict(faults))


@pytest.mark.parametrize("settings, faults, expected", [
    (None, None, ALLOWED),
    ({"onegov_policy": "required"}, None, REQUIRED),
    ({"onegov_policy": "forbidden"}, None, FORBIDDEN),
    ({"onegov_policy": "n'importe quoi"}, None, ALLOWED),
    ({"onegov_policy": "required"}, {"onegov_forbids_2fa": True}, FORBIDDEN),
    (None, {"onegov_forbids_2fa": True}, FORBIDDEN),
])
def test_policy(settings, faults, expected):
    assert policy(sandbox(settings, faults)) == expected


def test_set_policy_reassigns_the_settings():
    context = sandbox({"guided": True})
    before = context.sandbox.settings
    set_policy(context, REQUIRED)
    assert context.sandbox.settings == {"guided": True, "onegov_policy": REQUIRED}
    assert context.sandbox.settings is not before


@pytest.mark.parametrize("agent, expected", [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox sur Windows"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36", "Chrome sur Linux"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari sur iPhone"),
    ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "Chrome sur Android"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge sur Windows"),
    ("Werkzeug/3.1", "Autre navigateur"),
    ("", "Autre navigateur"),
    (None, "Autre navigateur"),
])
def test_browser_label(agent, expected):
    assert browsers.label(agent) == expected

