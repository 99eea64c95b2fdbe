"""Failures and lockout (simulator.domain.lockout)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import lockout
from simulator.domain.lockout import DEFAULT_POLICY, LockoutPolicy

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def minutes(*offsets: float) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in offsets]


def test_default_policy():
    assert DEFAULT_POLICY.max_failures == 5
    assert DEFAULT_POLICY.window == timedelta(minutes=15)
    assert DEFAULT_POLICY.lock_for == timedelta(minutes=15)
    assert DEFAULT_POLICY.hourly_cap == 100


def test_no_failure_no_lock():
    assert lockout.locked_until([], T0) is None
    assert lockout.failures_left([], T0) == 5


def test_four_failures_do_not_lock():
    failures = minutes(0, 1, 2, 3)
    assert lockout.locked_until(failures, T0 + 4 * MIN) is None
    assert lockout.failures_left(failures, T0 + 4 * MIN) == 1


def test_five_failures_within_fifteen_minutes_lock_for_fifteen_minutes():
    failures = minutes(0, 1, 2, 3, 4)
    now = T0 + 4 * MIN
    assert lockout.locked_until(failures, now) == T0 + 19 * MIN
    assert lockout.failures_left(failures, now) == 0


def test_five_failures_in_the_same_second_lock():
    failures = [T0] * 5
    assert lockout.locked_until(failures, T0) == T0 + 15 * MIN


def test_order_of_failures_does_not_matter():
    failures = minutes(4, 0, 3, 1, 2)
    assert lockout.locked_until(failures, T0 + 5 * MIN) == T0 + 19 * MIN


@pytest.mark.parametrize("later", [timedelta(minutes=5), timedelta(minutes=14, seconds=59)])
def test_still_locked_during_the_lock(later):
    failures = minutes(0, 1, 2, 3, 4)
    assert lockout.locked_until(failures, T0 + 4 * MIN + later) == T0 + 19 * MIN


@pytest.mark.parametrize(
    "later", [timedelta(minutes=15), timedelta(minutes=16), timedelta(hours=2)]
)
def test_the_lock_ends(later):
    failures = minutes(0, 1, 2, 3, 4)
    assert lockout.locked_until(failures, T0 + 4 * MIN + later) is None


@pytest.mark.parametrize(
    "offsets",
    [
        (0, 4, 8, 12, 16),  # 16 minutes from the first to the fifth
        (0, 15, 30, 45, 59),
        (0, 3.75, 7.5, 11.25, 15),  # exactly 15 minutes: not « within » 15 minutes
    ],
)
def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(offsets):
    failures = minutes(*offsets)
    assert lockout.locked_until(failures, failures[-1]) is None


def test_failures_left_counts_only_the_window():
    failures = minutes(0, 1, 20, 21)
    assert lockout.failures_left(failures, T0 + 22 * MIN) == 3


def test_hourly_cap_locks_alone():
    policy = LockoutPolicy(max_failures=1000, hourly_cap=100)
    failures = [T0 + timedelta(seconds=30 * i) for i in range(100)]  # 100 failures in 49.5 min
    now = failures[-1]
    assert lockout.locked_until(failures[:99], now, policy) is None
    assert lockout.locked_until(failures, now, policy) == T0 + timedelta(hours=1)
    assert lockout.locked_until(failures, T0 + timedelta(hours=1), policy) is None


def test_hourly_cap_never_shortens_a_lock():
    failures = [T0 + timedelta(seconds=36 * i) for i in range(100)]  # 100 in 59 min 24 s
    now = failures[-1] + timedelta(seconds=1)
    until = lockout.locked_until(failures, now)
    assert until is not None
    assert until >= failures[-1] + timedelta(minutes=15)
