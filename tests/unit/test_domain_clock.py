"""Wall time and sandbox time (simulator.domain.clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from simulator.domain import clock
from simulator.domain.clock import FrozenClock, SandboxClock, SystemClock

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_utc_of_naive_and_aware():
    assert clock.utc(datetime(2026, 3, 2, 8, 0)) == T0
    assert clock.utc(datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))) == T0
    assert clock.utc(datetime(2026, 3, 2, 8, 0)).tzinfo is UTC


def test_frozen_clock_stays_until_moved():
    wall = FrozenClock(T0)
    assert wall.now() == T0
    assert wall.now() == T0
    wall.advance(timedelta(seconds=30))
    assert wall.now() == T0 + timedelta(seconds=30)
    wall.set(datetime(2027, 1, 1, tzinfo=UTC))
    assert wall.now() == datetime(2027, 1, 1, tzinfo=UTC)


def test_frozen_clock_takes_naive_as_utc():
    assert FrozenClock(datetime(2026, 3, 2, 8, 0)).now() == T0


def test_system_clock_is_aware_and_current():
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert now.tzinfo is not None
    assert before <= now <= datetime.now(UTC)


def test_sandbox_clock_adds_its_offset_to_wall_time():
    wall = FrozenClock(T0)
    sandbox = SandboxClock(wall, timedelta(days=183))
    assert sandbox.now() == T0 + timedelta(days=183)
    assert sandbox.wall_now() == T0
    wall.advance(timedelta(minutes=5))
    assert sandbox.now() == T0 + timedelta(days=183, minutes=5)
    assert sandbox.wall_now() == T0 + timedelta(minutes=5)


def test_sandbox_clock_without_offset_is_wall_time():
    wall = FrozenClock(T0)
    assert SandboxClock(wall).now() == wall.now()


def test_two_sandboxes_on_one_wall_keep_their_own_offsets():
    wall = FrozenClock(T0)
    first, second = SandboxClock(wall, timedelta(hours=1)), SandboxClock(wall)
    assert first.now() - second.now() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (datetime(2026, 3, 2, 8, 5, tzinfo=UTC), "2 mars 2026 à 09:05"),  # winter: UTC+1
        (datetime(2026, 7, 14, 10, 0, tzinfo=UTC), "14 juillet 2026 à 12:00"),  # summer: UTC+2
        (datetime(2026, 5, 31, 22, 30, tzinfo=UTC), "1er juin 2026 à 00:30"),  # a new day in Paris
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "1er janvier 2027 à 00:30"),
        (datetime(2026, 2, 1, 12, 0, tzinfo=UTC), "1er février 2026 à 13:00"),
        (datetime(2026, 8, 15, 6, 0, tzinfo=UTC), "15 août 2026 à 08:00"),
        (datetime(2026, 12, 10, 6, 0, tzinfo=UTC), "10 décembre 2026 à 07:00"),
        (
            datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
            "29 mars 2026 à 01:59",
        ),  # just before summer time
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 mars 2026 à 03:00"),  # just after
    ],
)
def test_format_fr_in_paris_time(when, text):
    assert clock.format_fr(when) == text


def test_format_fr_without_time():
    assert (
        clock.format_fr(datetime(2026, 4, 1, 8, 0, tzinfo=UTC), with_time=False) == "1er avril 2026"
    )


def test_every_month_name_in_french():
    names = [
        clock.format_fr(datetime(2026, m, 10, 12, tzinfo=UTC), with_time=False).split()[1]
        for m in range(1, 13)
    ]
    assert names == [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]


def test_only_the_first_day_is_1er():
    assert clock.format_fr(datetime(2026, 3, 11, 12, tzinfo=UTC), with_time=False) == "11 mars 2026"
    assert clock.format_fr(datetime(2026, 3, 21, 12, tzinfo=UTC), with_time=False) == "21 mars 2026"


def test_format_short_fr():
    assert clock.format_short_fr(datetime(2026, 3, 2, 8, 5, tzinfo=UTC)) == "02/03/2026 09:05"


def test_to_paris():
    assert clock.to_paris(T0).hour == 9
    assert clock.to_paris(datetime(2026, 3, 2, 8, 0)).hour == 9  # naive taken as UTC


def test_a_span_across_a_clock_change_says_so_in_french():
    winter, summer = datetime(2026, 3, 2, 8, 0, tzinfo=UTC), datetime(2026, 8, 31, 8, 0, tzinfo=UTC)
    assert clock.clock_change_fr(winter, summer) == (
        "Entre ces deux dates, la France passe à l'heure d'été : l'heure affichée avance "
        "d'une heure (10:00 et non 09:00), la durée ne change pas."
    )
    assert "passe à l'heure d'hiver" in clock.clock_change_fr(summer, summer + timedelta(days=182))
    assert "recule d'une heure (09:00 et non 10:00)" in clock.clock_change_fr(
        summer, summer + timedelta(days=182)
    )
    assert clock.clock_change_fr(winter, winter + timedelta(days=20)) is None
    assert clock.clock_change_fr(winter, winter + timedelta(days=365)) is None
