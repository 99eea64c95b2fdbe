"""The organisation's configuration page (the trainer plays the person responsible)."""

from __future__ import annotations

import pytest


def test_page_shows_the_policy_in_force(browser_client):
    page = browser_client.text("/onegov/organisation")
    assert "Configuration de l'organisation" in page and "Autorisée" in page


@pytest.mark.parametrize(
    "value, shown",
    [("forbidden", "Interdite"), ("required", "Obligatoire"), ("allowed", "Autorisée")],
)
def test_saving_a_policy(browser_client, value, shown):
    response = browser_client.post("/onegov/organisation", {"policy": value})
    assert response.headers["Location"].endswith("/onegov/organisation")
    assert (
        browser_client.state()
        and f'data-testid="policy-effective">{shown}' in browser_client.text("/onegov/organisation")
    )


@pytest.mark.parametrize("value", ["", "tout", "<script>", "forbidden' --"])
def test_unknown_policies_are_refused(browser_client, value):
    response = browser_client.post("/onegov/organisation", {"policy": value})
    assert response.status_code == 400
    assert "Choisissez l&#39;une des trois configurations" in response.get_data(as_text=True)


def test_policy_needs_csrf(browser_client):
    assert (
        browser_client.post("/onegov/organisation", {"policy": "forbidden"}, csrf=False).status_code
        == 400
    )


def test_the_fault_switch_wins(browser_client):
    browser_client.client.post("/_sim/faults", json={"onegov_forbids_2fa": True})
    page = browser_client.text("/onegov/organisation")
    assert (
        'data-testid="policy-forced"' in page and 'data-testid="policy-effective">Interdite' in page
    )


def test_one_sandbox_policy_does_not_touch_another(browser_client, other_browser):
    browser_client.post("/onegov/organisation", {"policy": "forbidden"})
    assert 'data-testid="policy-effective">Autorisée' in other_browser.text("/onegov/organisation")


def test_no_sandbox_yet_goes_home(client):
    assert client.get("/onegov/organisation").headers["Location"].endswith("/")
    assert client.get("/onegov/connexion").status_code == 302
