"""Wall time and sandbox time.

Authenticator apps on real phones only know wall time, so TOTP is checked against it. Every
other expiry (e-mailed codes, trust cookies, reset links, lockouts, deliveries) runs on the
sandbox clock, which a trainee may push forward by months to see a cookie expire. In test and
walkthrough mode wall time itself is frozen, so screenshots and codes are reproducible.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utc(dt: datetime) -> datetime:
    """Return ``dt`` as an aware UTC datetime (naive values are taken as UTC)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


class WallClock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The machine's time: what a phone would show."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A wall clock that moves only when told to (tests and walkthroughs)."""

    def __init__(self, start: datetime) -> None:
        self._now = utc(start)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = utc(when)

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now += delta


class SandboxClock:
    """Wall time plus the offset a trainee or instructor chose for one sandbox."""

    def __init__(self, wall: WallClock, offset: timedelta = timedelta(0)) -> None:
        self.wall = wall
        self.offset = offset

    def now(self) -> datetime:
        return self.wall.now() + self.offset

    def wall_now(self) -> datetime:
        return self.wall.now()


def to_paris(dt: datetime) -> datetime:
    return utc(dt).astimezone(PARIS)


MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def format_fr(dt: datetime, *, with_time: bool = True) -> str:
    """« 2 mars 2026 à 09:05 », in Paris time, as French portals write dates."""
    local = to_paris(dt)
    day = "1er" if local.day == 1 else str(local.day)
    text = f"{day} {MONTHS_FR[local.month - 1]} {local.year}"
    if with_time:
        text += f" à {local:%H:%M}"
    return text


def format_short_fr(dt: datetime) -> str:
    """« 02/03/2026 09:05 », for lists."""
    return f"{to_paris(dt):%d/%m/%Y %H:%M}"


def clock_change_fr(start: datetime, end: datetime) -> str | None:
    """The plain French note for two dates shown in Paris time on either side of a clock
    change, or None when both are in the same season.

    A trust cookie installed « à 09:00 » in March expires 182 days later « à 10:00 »: the
    same instant plus exactly 182 days, read on a clock that moved to summer time. Without a
    word, a trainee takes the hour for a bug or for a cookie that lasts an hour longer.
    """
    before, after = to_paris(start), to_paris(end)
    if before.utcoffset() == after.utcoffset():
        return None
    forward = after.utcoffset() > before.utcoffset()
    season, moves = ("d'été", "avance") if forward else ("d'hiver", "recule")
    return (
        f"Entre ces deux dates, la France passe à l'heure {season} : l'heure affichée {moves} "
        f"d'une heure ({after:%H:%M} et non {before:%H:%M}), la durée ne change pas."
    )
