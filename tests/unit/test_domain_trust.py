"""Trusted workstations (simulator.domain.trust)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import trust
from simulator.domain.trust import TrustCheck, TrustCodec

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ACCOUNT = 7


@dataclass
class Record:
    account_id: int
    token_hash: str
    expires_at: datetime
    created_at: datetime
    revoked_at: datetime | None = None
    revoked_because: str | None = None


def installed(lifetime: timedelta = trust.PIGP_TRUST_LIFETIME, seed: int = 1) -> tuple[Record, str]:
    new = trust.new_trust(random.Random(seed), T0, lifetime)
    return Record(ACCOUNT, new.token_hash, new.expires_at, new.created_at), new.token


# new_trust ---------------------------------------------------------------------------------


def test_pigp_lifetime_is_six_months_and_at_most_183_days():
    assert (
        timedelta(days=181)
        <= trust.PIGP_TRUST_LIFETIME
        <= trust.MAX_TRUST_LIFETIME
        == timedelta(days=183)
    )


def test_new_trust_keeps_only_the_hash():
    new = trust.new_trust(random.Random(3), T0)
    assert len(new.token) == 32
    assert new.token not in new.token_hash
    assert new.token_hash == trust.hash_token(new.token)
    assert new.created_at == T0
    assert new.expires_at == T0 + trust.PIGP_TRUST_LIFETIME


def test_new_trust_tokens_differ():
    assert (
        trust.new_trust(random.Random(1), T0).token != trust.new_trust(random.Random(2), T0).token
    )


@pytest.mark.parametrize("days", [184, 365, 3650])
def test_new_trust_refuses_lifetime_over_183_days(days):
    with pytest.raises(ValueError):
        trust.new_trust(random.Random(1), T0, timedelta(days=days))


def test_new_trust_accepts_exactly_183_days():
    assert trust.new_trust(random.Random(1), T0, timedelta(days=183)).expires_at == T0 + timedelta(
        days=183
    )


# judge -------------------------------------------------------------------------------------


def test_judge_ok():
    record, token = installed()
    assert trust.judge(record, token, ACCOUNT, T0 + timedelta(days=1)) is TrustCheck.OK


def test_judge_unknown_record():
    assert trust.judge(None, "x" * 32, ACCOUNT, T0) is TrustCheck.UNKNOWN


def test_judge_tampered_token():
    record, token = installed()
    altered = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert trust.judge(record, altered, ACCOUNT, T0) is TrustCheck.TAMPERED


def test_judge_other_account():
    record, token = installed()
    assert trust.judge(record, token, ACCOUNT + 1, T0) is TrustCheck.OTHER_ACCOUNT


def test_judge_revoked():
    record, token = installed()
    record.revoked_at = T0 + timedelta(days=1)
    assert trust.judge(record, token, ACCOUNT, T0 + timedelta(days=2)) is TrustCheck.REVOKED


def test_judge_reset_after_credentials_reset():
    record, token = installed()
    record.revoked_at = T0 + timedelta(days=1)
    record.revoked_because = trust.RESET
    assert trust.judge(record, token, ACCOUNT, T0 + timedelta(days=2)) is TrustCheck.RESET


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (timedelta(days=181), TrustCheck.OK),
        (trust.PIGP_TRUST_LIFETIME - timedelta(seconds=1), TrustCheck.OK),
        (trust.PIGP_TRUST_LIFETIME, TrustCheck.EXPIRED),
        (timedelta(days=183), TrustCheck.EXPIRED),  # the clock page's « +6 mois »
        (timedelta(days=400), TrustCheck.EXPIRED),
    ],
)
def test_judge_expires_at_six_months(elapsed, expected):
    record, token = installed()
    assert trust.judge(record, token, ACCOUNT, T0 + elapsed) is expected


def test_every_verdict_has_a_french_reason():
    for check in TrustCheck:
        if check is not TrustCheck.OK:
            assert trust.REASON_FR[check]


# TrustCodec --------------------------------------------------------------------------------

CODEC = TrustCodec("clé de test", "pigp")
VALUE = CODEC.dumps(12, "ab" * 16)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."


def test_codec_round_trip():
    assert CODEC.loads(VALUE) == (12, "ab" * 16)


def test_codec_value_does_not_show_a_readable_token_hash():
    record, token = installed()
    assert record.token_hash not in CODEC.dumps(1, token)


@pytest.mark.parametrize("position", range(len(VALUE)))
def test_codec_value_altered_by_one_character_reads_none(position):
    for replacement in ALPHABET:
        if replacement == VALUE[position]:
            continue
        altered = VALUE[:position] + replacement + VALUE[position + 1 :]
        assert CODEC.loads(altered) is None, (position, replacement)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "x",
        "a" * 513,
        VALUE + "x",
        VALUE[:-1],
        "." + VALUE,
        VALUE.replace(".", "", 1),
        "<script>",
        "\x00" * 40,
    ],
)
def test_codec_garbage_reads_none(value):
    assert CODEC.loads(value) is None


def test_codec_foreign_key_reads_none():
    foreign = TrustCodec("une autre clé", "pigp").dumps(12, "ab" * 16)
    assert CODEC.loads(foreign) is None


def test_codec_other_purpose_reads_none():
    other = TrustCodec("clé de test", "karbon").dumps(12, "ab" * 16)
    assert CODEC.loads(other) is None


def test_codec_wrong_types_read_none():
    from itsdangerous import URLSafeSerializer

    serializer = URLSafeSerializer("clé de test", salt="trust:pigp")
    for payload in (["12", "token"], [12, 34], [12], "text", {"a": 1}, [12, "t", "extra"]):
        assert CODEC.loads(serializer.dumps(payload)) is None
