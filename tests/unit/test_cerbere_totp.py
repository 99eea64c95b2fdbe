"""The authenticator rules the BNUM and Cerbère rely on, through our own TOTP code.

RFC 6238 appendix B (SHA1 vectors, truncated to the 6 digits phones show), the ±1 step
window, replay of a code already accepted, and the lockout after 5 wrong codes.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import lockout, totp
from simulator.domain.totp import TotpCheck

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()  # 160 bits, RFC 6238 SHA1 seed

RFC6238_SHA1 = [  # (Unix time, 8-digit value from the RFC)
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]

NOW = datetime(2026, 3, 2, 8, 0, 10, tzinfo=UTC)


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@pytest.mark.parametrize(("unix_time", "expected"), RFC6238_SHA1)
def test_rfc6238_sha1_vectors(unix_time, expected):
    assert totp.code_at(RFC_SECRET, at(unix_time)) == expected[-6:]


@pytest.mark.parametrize(("unix_time", "expected"), RFC6238_SHA1)
def test_rfc6238_vectors_pass_our_verification(unix_time, expected):
    result = totp.verify(RFC_SECRET, expected[-6:], at(unix_time), None)
    assert result.outcome is TotpCheck.OK
    assert result.step == unix_time // 30


@pytest.mark.parametrize("offset_steps", [-1, 0, 1])
def test_one_step_either_side_is_accepted(offset_steps):
    code = totp.code_at(RFC_SECRET, NOW + timedelta(seconds=30 * offset_steps))
    assert totp.verify(RFC_SECRET, code, NOW, None).outcome is TotpCheck.OK


@pytest.mark.parametrize("offset_steps", [-3, -2, 2, 3])
def test_two_steps_away_is_refused(offset_steps):
    code = totp.code_at(RFC_SECRET, NOW + timedelta(seconds=30 * offset_steps))
    assert totp.verify(RFC_SECRET, code, NOW, None).outcome is TotpCheck.WRONG


def test_a_code_already_accepted_is_refused_as_replay():
    code = totp.code_at(RFC_SECRET, NOW)
    first = totp.verify(RFC_SECRET, code, NOW, None)
    assert first.outcome is TotpCheck.OK
    assert totp.verify(RFC_SECRET, code, NOW, first.step).outcome is TotpCheck.REPLAY


def test_an_older_code_after_a_newer_one_is_refused_as_replay():
    newer = totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, NOW), NOW, None)
    older = totp.code_at(RFC_SECRET, NOW - timedelta(seconds=30))
    assert totp.verify(RFC_SECRET, older, NOW, newer.step).outcome is TotpCheck.REPLAY


def test_the_next_code_is_accepted_after_a_replay_refusal():
    step = totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, NOW), NOW, None).step
    later = NOW + timedelta(seconds=30)
    assert (
        totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, later), later, step).outcome
        is TotpCheck.OK
    )


@pytest.mark.parametrize(
    "typed", ["", None, "12345", "1234567", "abcdef", "١٢٣٤٥٦", "12 34 5x", "<b>1</b>", "1" * 80]
)
def test_malformed_codes_are_refused_before_any_check(typed):
    assert totp.verify(RFC_SECRET, typed, NOW, None).outcome is TotpCheck.MALFORMED


def test_spaces_inside_a_code_are_forgiven():
    code = totp.code_at(RFC_SECRET, NOW)
    assert totp.verify(RFC_SECRET, f"{code[:3]} {code[3:]}", NOW, None).outcome is TotpCheck.OK


def test_five_wrong_codes_lock_the_step_for_fifteen_minutes():
    failures = [NOW + timedelta(seconds=10 * i) for i in range(4)]
    assert lockout.locked_until(failures, failures[-1]) is None
    failures.append(NOW + timedelta(seconds=40))
    assert lockout.locked_until(failures, failures[-1]) == failures[-1] + timedelta(minutes=15)
    assert lockout.locked_until(failures, failures[-1] + timedelta(minutes=15)) is None
