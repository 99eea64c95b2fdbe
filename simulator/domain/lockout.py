"""Counting wrong passwords and wrong codes, and locking the step that failed.

One policy for every portal (../shared/SECURITY.md): 5 failures within 15 minutes lock the
step for 15 minutes of sandbox time; even a right answer is refused while locked; a success
clears the count; never more than 100 failures in an hour, whatever the lock lengths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)
    hourly_cap: int = 100


DEFAULT_POLICY = LockoutPolicy()

# Joining a class with its passcode (services/classes.py), on wall time. One browser that types
# 10 wrong codes in a minute waits a minute; a class group gets 30 wrong codes a minute from
# all addresses together (a room of trainees mistyping at the start of a session must not lock
# itself out), and neither more than 100 / 300 in an hour. docs/formateurs.md gives the
# arithmetic: with these ceilings a guessed passcode stays hopeless within a session.
JOIN_PER_ADDRESS = LockoutPolicy(
    max_failures=10, window=timedelta(minutes=1), lock_for=timedelta(minutes=1), hourly_cap=100
)
JOIN_PER_CLASS = LockoutPolicy(
    max_failures=30, window=timedelta(minutes=1), lock_for=timedelta(minutes=1), hourly_cap=300
)


def locked_until(
    failures: Iterable[datetime], now: datetime, policy: LockoutPolicy = DEFAULT_POLICY
) -> datetime | None:
    """When the lock ends, or None if the step may be tried now.

    ``failures`` are the times of the failures since the last success. A lock starts at the
    failure that made ``max_failures`` within ``window``.
    """
    times = sorted(failures)
    ends: list[datetime] = []
    recent_hour = [t for t in times if now - t < timedelta(hours=1)]
    if len(recent_hour) >= policy.hourly_cap:
        # Until the count in the last hour drops below the cap; never shortens a lock below.
        ends.append(recent_hour[-policy.hourly_cap] + timedelta(hours=1))
    for i in range(policy.max_failures - 1, len(times)):
        first, last = times[i - policy.max_failures + 1], times[i]
        if last - first < policy.window:
            end = last + policy.lock_for
            if end > now:
                ends.append(end)
    return max(ends, default=None)


def failures_left(
    failures: Iterable[datetime], now: datetime, policy: LockoutPolicy = DEFAULT_POLICY
) -> int:
    """How many more wrong answers before the lock, counting those in the current window."""
    recent = [t for t in failures if now - t < policy.window]
    return max(policy.max_failures - len(recent), 0)
