"""One-time codes sent by e-mail or SMS (simulator.domain.codes)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import codes
from simulator.domain.codes import CodeCheck

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class Record:
    request_id: str
    code_hash: str
    expires_at: datetime
    used_at: datetime | None = None
    voided_at: datetime | None = None


def record_of(issued: codes.IssuedCode, request_id: str, **extra) -> Record:
    return Record(request_id, issued.code_hash, issued.expires_at, **extra)


class FixedRng(random.Random):
    """A random source that draws the number it is told to."""

    def __init__(self, value: int) -> None:
        super().__init__(0)
        self.value = value

    def randrange(self, *args, **kwargs):
        return self.value


# Drawing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drawn", "expected"), [(123, "000123"), (0, "000000"), (7, "000007"), (999_999, "999999")]
)
def test_draw_keeps_leading_zeros(drawn, expected):
    assert codes.draw(FixedRng(drawn)) == expected


def test_draw_gives_six_ascii_digits_for_many_seeds():
    drawn = [codes.draw(random.Random(seed)) for seed in range(500)]
    assert all(len(c) == 6 and c.isascii() and c.isdigit() for c in drawn)
    assert any(c.startswith("0") for c in drawn), "leading zeros must happen and be kept"
    assert len(set(drawn)) > 400


def test_seeded_rng_reproduces_the_same_code():
    assert codes.draw(random.Random("walkthrough:1")) == codes.draw(random.Random("walkthrough:1"))


def test_a_leading_zero_code_is_accepted():
    issued = codes.issue(FixedRng(123), "req-1", T0)
    assert issued.code == "000123"
    assert codes.check([record_of(issued, "req-1")], "000123", "req-1", T0) is CodeCheck.OK
    assert codes.check([record_of(issued, "req-1")], "123", "req-1", T0) is CodeCheck.MALFORMED


# Hashing -----------------------------------------------------------------------------------


def test_code_is_stored_hashed_not_in_clear():
    issued = codes.issue(random.Random(5), "req-1", T0)
    assert issued.code not in issued.code_hash
    assert len(issued.code_hash) == 64
    assert issued.code_hash == codes.hash_code(issued.code, "req-1")


def test_hash_is_keyed_on_the_request():
    assert codes.hash_code("123456", "req-A") != codes.hash_code("123456", "req-B")
    assert codes.hash_code("123456", "req-A") == codes.hash_code("123456", "req-A")


# Lifetimes and expiry ----------------------------------------------------------------------


def test_lifetimes():
    assert codes.PIGP_EMAIL_LIFETIME == timedelta(minutes=30)
    assert codes.DEFAULT_LIFETIME == timedelta(minutes=10)
    assert codes.SMS_CHALLENGE_LIFETIME > timedelta(minutes=15)


def test_issue_sets_expiry_from_lifetime():
    issued = codes.issue(random.Random(1), "req", T0, codes.PIGP_EMAIL_LIFETIME)
    assert issued.issued_at == T0
    assert issued.expires_at == T0 + timedelta(minutes=30)


def test_default_expiry_is_ten_minutes():
    issued = codes.issue(random.Random(1), "req", T0)
    assert issued.expires_at - issued.issued_at == timedelta(minutes=10)


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (timedelta(0), CodeCheck.OK),
        (timedelta(minutes=29, seconds=59), CodeCheck.OK),
        (timedelta(minutes=30), CodeCheck.EXPIRED),
        (timedelta(minutes=30, seconds=1), CodeCheck.EXPIRED),
        (timedelta(days=183), CodeCheck.EXPIRED),
    ],
)
def test_pigp_code_expires_exactly_at_thirty_minutes(elapsed, expected):
    issued = codes.issue(random.Random(2), "req", T0, codes.PIGP_EMAIL_LIFETIME)
    assert codes.check([record_of(issued, "req")], issued.code, "req", T0 + elapsed) is expected


# Checking ----------------------------------------------------------------------------------


def test_right_code_ok_and_wrong_code_wrong():
    issued = codes.issue(FixedRng(424242), "req", T0)
    records = [record_of(issued, "req")]
    assert codes.check(records, "424242", "req", T0) is CodeCheck.OK
    assert codes.check(records, "424243", "req", T0) is CodeCheck.WRONG


def test_no_code_issued_is_wrong():
    assert codes.check([], "123456", "req", T0) is CodeCheck.WRONG


def test_code_of_another_request_is_other_request():
    issued = codes.issue(FixedRng(111111), "req-A", T0)
    records = [record_of(issued, "req-A")]
    assert codes.check(records, "111111", "req-B", T0) is CodeCheck.OTHER_REQUEST


def test_used_code_is_used():
    issued = codes.issue(FixedRng(222222), "req", T0)
    records = [record_of(issued, "req", used_at=T0 + timedelta(minutes=1))]
    assert codes.check(records, "222222", "req", T0 + timedelta(minutes=2)) is CodeCheck.USED


def test_voided_code_is_voided_and_newest_code_ok():
    old = codes.issue(FixedRng(333333), "req", T0)
    new = codes.issue(FixedRng(444444), "req", T0 + timedelta(minutes=1))
    records = [record_of(new, "req"), record_of(old, "req", voided_at=T0 + timedelta(minutes=1))]
    later = T0 + timedelta(minutes=2)
    assert codes.check(records, "333333", "req", later) is CodeCheck.VOIDED
    assert codes.check(records, "444444", "req", later) is CodeCheck.OK


def test_check_does_not_mutate():
    issued = codes.issue(FixedRng(555555), "req", T0)
    record = record_of(issued, "req")
    codes.check([record], "555555", "req", T0)
    assert record.used_at is None and record.voided_at is None


def test_check_of_malformed_input_is_malformed():
    issued = codes.issue(FixedRng(123456), "req", T0)
    assert codes.check([record_of(issued, "req")], "12345a", "req", T0) is CodeCheck.MALFORMED


# Normalizing what was typed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("123456", "123456"),
        ("000123", "000123"),
        ("123 456", "123456"),
        (" 123456 ", "123456"),
        ("12 34 56", "123456"),
        ("123\u00a0456", "123456"),
        ("123\t456", "123456"),
    ],
)
def test_normalize_forgives_spaces(typed, expected):
    assert codes.normalize(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "      ",
        "12345",
        "1234567",
        "12345a",
        "abcdef",
        "١٢٣٤٥٦",  # Arabic-Indic digits
        "１２３４５６",  # fullwidth digits
        "۱۲۳۴۵۶",  # extended Arabic-Indic digits
        "123456\n",
        "123456\x00",
        "+123456",
        "12345.6",
        "<b>123456</b>",
        "123456' OR '1'='1",
        "1" * 10_000,
        "1" * 10_240,
    ],
)
def test_normalize_refuses(typed):
    assert codes.normalize(typed) is None
