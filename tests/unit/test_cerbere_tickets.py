"""Cerbère's return addresses and one-time tickets (simulator/portals/cerbere/tickets.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from simulator.domain.paths import local_path
from simulator.portals.cerbere import tickets

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class FakeContext:
    when: datetime = START
    counter: count = field(default_factory=lambda: count(1))

    def now(self) -> datetime:
        return self.when

    def token(self, nbytes: int = 24) -> str:
        return f"{next(self.counter):0{nbytes * 2}x}"


@dataclass
class FakeAccount:
    state: dict = field(default_factory=dict)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        42,
        "https://evil.test/",
        "http://127.0.0.1/piag/connexion",
        "//evil.test/piag/connexion",
        "/\\evil.test",
        "\\\\evil.test",
        "javascript:alert(1)",
        "piag/connexion",
        " /piag/connexion",
        "/piag/connexion\r\nSet-Cookie: x=1",
        "/piag/../bnum/",
        "/piag/connexion\t",
        "/piag/é",
        "/" + "a" * 400,
    ],
)
def test_anything_but_a_plain_local_path_is_refused(raw):
    assert local_path(raw) is None
    assert tickets.clean_service(raw) is None


@pytest.mark.parametrize(
    "raw", ["/bnum/", "/piag/", "/piag/connexion?x=1", "/cerbere/compte", "/autre"]
)
def test_a_local_path_that_is_no_registered_service_is_refused(raw):
    assert tickets.clean_service(raw) is None


def test_the_piag_is_a_registered_service():
    assert tickets.clean_service("/piag/connexion") == "/piag/connexion"


def test_local_paths_under_a_prefix():
    assert local_path("/bnum/securite", "/bnum/") == "/bnum/securite"
    assert local_path("/piag/", "/bnum/") is None


def test_a_ticket_opens_its_session_once():
    ctx, account = FakeContext(), FakeAccount()
    ticket = tickets.issue(ctx, account, "session-1", tickets.PIAG_SERVICE)
    assert ticket.startswith("ST-")
    assert ticket not in str(account.state)  # kept hashed
    assert tickets.redeem(ctx, account, ticket, tickets.PIAG_SERVICE) == "session-1"
    assert tickets.redeem(ctx, account, ticket, tickets.PIAG_SERVICE) is None


def test_a_ticket_expires_after_two_minutes_of_sandbox_time():
    ctx, account = FakeContext(), FakeAccount()
    ticket = tickets.issue(ctx, account, "session-1", tickets.PIAG_SERVICE)
    ctx.when = START + tickets.TICKET_LIFETIME
    assert tickets.redeem(ctx, account, ticket, tickets.PIAG_SERVICE) is None


def test_a_ticket_is_bound_to_its_service_and_spent_by_a_wrong_try():
    ctx, account = FakeContext(), FakeAccount()
    ticket = tickets.issue(ctx, account, "session-1", tickets.PIAG_SERVICE)
    assert tickets.redeem(ctx, account, ticket, "/autre/service") is None
    assert tickets.redeem(ctx, account, ticket, tickets.PIAG_SERVICE) is None


@pytest.mark.parametrize(
    "ticket", [None, "", "ST-", "ST-" + "g" * 40, "ST-" + "0" * 41, "<script>", "ST-" + "0" * 40]
)
def test_malformed_or_unknown_tickets_open_nothing(ticket):
    ctx, account = FakeContext(), FakeAccount()
    tickets.issue(ctx, account, "session-1", tickets.PIAG_SERVICE)
    assert tickets.redeem(ctx, account, ticket, tickets.PIAG_SERVICE) is None


def test_expired_tickets_are_pruned_when_a_new_one_is_issued():
    ctx, account = FakeContext(), FakeAccount()
    tickets.issue(ctx, account, "session-1", tickets.PIAG_SERVICE)
    ctx.when = START + timedelta(minutes=5)
    tickets.issue(ctx, account, "session-2", tickets.PIAG_SERVICE)
    assert len(account.state["tickets"]) == 1
