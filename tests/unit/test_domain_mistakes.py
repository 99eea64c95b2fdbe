"""The kinds of mistake and the « bloqué » rule, in plain Python (domain.mistakes,
domain.analytics)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import analytics
from simulator.domain.mistakes import Clues, Outcome, classify, looks_like_password, tell

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("check", "clues", "kind"),
    [
        ("ok", Clues(), Outcome.ACCEPTED),
        ("wrong", Clues(), Outcome.WRONG),
        ("totp_wrong", Clues(), Outcome.WRONG),
        ("expired", Clues(), Outcome.EXPIRED),
        ("used", Clues(), Outcome.USED),
        ("replay", Clues(), Outcome.USED),
        ("voided", Clues(), Outcome.OLDER_MESSAGE),
        ("other_request", Clues(), Outcome.OLDER_MESSAGE),
        ("malformed", Clues(is_password=True), Outcome.PASSWORD_AS_CODE),
        ("totp_wrong", Clues(other_entry=True), Outcome.OTHER_ENTRY),
        ("locked", Clues(is_password=True), Outcome.LOCKED),
        ("malformed", Clues(), Outcome.MALFORMED),
        ("password", Clues(), Outcome.WRONG),
    ],
)
def test_classification(check, clues, kind):
    assert classify(check, clues) is kind


def test_a_password_cut_by_the_field_is_still_recognised():
    assert looks_like_password("tilleul-horizon-42", "tilleul-horizon-42", 16)
    assert looks_like_password("tilleul-horizon-", "tilleul-horizon-42", 16)
    assert not looks_like_password("tilleul", "tilleul-horizon-42", 16)
    assert not looks_like_password("", "x", 16)


def test_the_trainee_is_told_which_mistake():
    assert tell(Outcome.PASSWORD_AS_CODE, "email") == (
        "Vous avez saisi votre mot de passe : c'est le code à 6 chiffres reçu par courriel "
        "qui est demandé."
    )
    assert "ancien SMS" in tell(Outcome.OLDER_MESSAGE, "sms")
    assert tell(Outcome.WRONG, "email") is None  # the portal's own words stay


@dataclass
class E:
    at: datetime
    kind: str
    portal: str = "pigp"
    step: str = "/pigp/code"
    outcome: str = ""


def test_the_funnel_follows_pages_in_order_and_not_out_of_order():
    funnel = ["/a", "/b", "/c", "/d"]
    seen = [("/c", T0), ("/a", T0 + timedelta(minutes=1)), ("/b", T0 + timedelta(minutes=2))]
    progress = analytics.walk(funnel, seen)
    assert progress.reached == 1  # « /c » before « /a » was not progress
    assert progress.started == T0 + timedelta(minutes=1)
    assert analytics.stages(["/a", "/a", "/b", "/a"]) == ["/a", "/b", "/a"]


def test_percentiles_are_values_that_occurred():
    d = analytics.durations([60, 120, 180, 240, 600])
    assert (d.median, d.p90, d.slowest) == (180, 600, 600)
    assert analytics.durations([]).median is None


def test_stuck_after_three_mistakes_in_a_row_or_too_long_on_a_page():
    five = timedelta(minutes=5)
    mistakes = [E(T0, "page")] + [
        E(T0, "attempt", step="email", outcome="password_as_code") for _ in range(3)
    ]
    assert analytics.stuck(mistakes, T0, five, frozenset()).reason == "mistakes"
    accepted_between = [*mistakes[:2], E(T0, "attempt", step="email", outcome="accepted")]
    assert analytics.stuck(accepted_between, T0, five, frozenset()) is None
    on_page = [E(T0, "page")]
    assert analytics.stuck(on_page, T0 + five, five, frozenset()) is None
    late = analytics.stuck(on_page, T0 + five + timedelta(seconds=1), five, frozenset())
    assert late.reason == "time" and late.step == "/pigp/code"
    assert (
        analytics.stuck(on_page, T0 + timedelta(hours=1), five, frozenset({"/pigp/code"})) is None
    )


def test_every_mistake_links_to_a_heading_of_the_guide():
    import re
    from pathlib import Path

    from markdown.extensions.toc import slugify

    from simulator.domain.mistakes import GUIDE_FR, MISTAKES

    docs = Path(__file__).resolve().parents[2] / "docs"
    for kind in MISTAKES:
        page, anchor, _title = GUIDE_FR[kind]
        text = (docs / f"{page.rstrip('/')}.md").read_text(encoding="utf-8")
        headings = re.findall(r"^#+ (.+)$", text, re.M)
        assert anchor in {slugify(h, "-") for h in headings}, (kind, anchor)
