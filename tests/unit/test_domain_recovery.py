"""Single-use recovery codes (simulator.domain.recovery)."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from simulator.domain import recovery

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class Record:
    code_hash: str
    used_at: datetime | None = None


CODES = recovery.generate(random.Random(7))


def test_ten_codes_all_different():
    assert recovery.COUNT == 10
    assert len(CODES) == 10
    assert len(set(CODES)) == 10


def test_each_code_carries_at_least_64_bits_by_construction():
    alphabet = recovery._ALPHABET
    assert len(set(alphabet)) == len(alphabet)
    for code in CODES:
        compact = code.replace("-", "")
        assert set(compact) <= set(alphabet)
        assert len(compact) * math.log2(len(alphabet)) >= 64


def test_code_format_is_four_groups_of_four():
    for code in CODES:
        assert re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}", code)


def test_codes_reproducible_for_a_seed_and_different_otherwise():
    assert recovery.generate(random.Random(7)) == CODES
    assert recovery.generate(random.Random(8)) != CODES


def test_hash_is_not_the_code():
    for code in CODES:
        digest = recovery.hash_code(code)
        assert code not in digest
        assert code.replace("-", "") not in digest
        assert len(digest) == 64


def test_hash_of_malformed_code_raises():
    with pytest.raises(ValueError):
        recovery.hash_code("pas un code")


def test_find_unused_is_single_use():
    records = [Record(recovery.hash_code(c)) for c in CODES]
    found = recovery.find_unused(records, CODES[3])
    assert found is records[3]
    found.used_at = T0
    assert recovery.find_unused(records, CODES[3]) is None
    assert recovery.find_unused(records, CODES[4]) is records[4]


def test_find_unused_wrong_code():
    records = [Record(recovery.hash_code(c)) for c in CODES]
    other = recovery.generate(random.Random(99), 1)[0]
    assert other not in CODES
    assert recovery.find_unused(records, other) is None


@pytest.mark.parametrize(
    "transform",
    [
        str.upper,
        lambda c: c.replace("-", ""),
        lambda c: c.replace("-", " "),
        lambda c: f"  {c.upper()}  ",
        lambda c: c.replace("-", " - "),
    ],
)
def test_canonical_forgives_case_spaces_dashes(transform):
    records = [Record(recovery.hash_code(c)) for c in CODES]
    assert recovery.find_unused(records, transform(CODES[0])) is records[0]
    assert recovery.canonical(transform(CODES[0])) == CODES[0].replace("-", "")


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "abcd-efgh",
        "abcd-efgh-jkmn-pqrs-tuvw",
        "abcd-efgh-jkmn-pqr0",
        "abcd-efgh-jkmn-pqr1",
        "abcd-efgh-jkmn-pqri",
        "abcd-efgh-jkmn-pqr!",
        "ａｂｃｄ-efgh-jkmn-pqrs",
        "<b>abcd-efgh-jkmn</b>",
        "a" * 10_000,
        "' OR 1=1 --",
    ],
)
def test_malformed_refused(typed):
    assert recovery.canonical(typed) is None
    records = [Record(recovery.hash_code(c)) for c in CODES]
    assert recovery.find_unused(records, typed) is None
