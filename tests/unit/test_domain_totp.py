"""Authenticator secrets, otpauth URIs and verification without replay (simulator.domain.totp)."""

from __future__ import annotations

import base64
import random
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlparse
from zoneinfo import ZoneInfo

import pyotp
import pytest

from simulator.domain import totp
from simulator.domain.totp import TotpCheck

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()

# RFC 6238, appendix B, SHA1 column: (Unix time, 8-digit TOTP).
RFC6238_SHA1 = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]

NOW = datetime(2026, 3, 2, 8, 0, 10, tzinfo=UTC)  # 10 s into a 30-second step


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@pytest.mark.parametrize(("unix", "eight_digits"), RFC6238_SHA1)
def test_rfc6238_vectors(unix, eight_digits):
    assert totp.code_at(RFC_SECRET, at(unix)) == eight_digits[-6:]


@pytest.mark.parametrize(("unix", "eight_digits"), RFC6238_SHA1)
def test_rfc6238_vectors_pass_our_verification(unix, eight_digits):
    result = totp.verify(RFC_SECRET, eight_digits[-6:], at(unix), None)
    assert result.outcome is TotpCheck.OK
    assert result.step == unix // 30


def test_code_at_accepts_a_non_utc_aware_datetime():
    paris = datetime.fromtimestamp(1111111109, UTC).astimezone(ZoneInfo("Europe/Paris"))
    assert totp.code_at(RFC_SECRET, paris) == "081804"


def test_constants_match_what_phones_honour():
    assert (totp.DIGITS, totp.INTERVAL, totp.VALID_WINDOW) == (6, 30, 1)


# Verification window and replay -----------------------------------------------------------

SECRET = totp.new_secret(random.Random(42))


@pytest.mark.parametrize("steps", [-1, 0, 1])
def test_verify_accepts_current_step_plus_or_minus_one(steps):
    code = totp.code_at(SECRET, NOW + timedelta(seconds=30 * steps))
    result = totp.verify(SECRET, code, NOW, None)
    assert result.outcome is TotpCheck.OK
    assert result.step == int(NOW.timestamp()) // 30 + steps


@pytest.mark.parametrize("steps", [-3, -2, 2, 3])
def test_verify_refuses_two_steps_away(steps):
    code = totp.code_at(SECRET, NOW + timedelta(seconds=30 * steps))
    # Make sure the code is not accidentally equal to an accepted one.
    accepted = {totp.code_at(SECRET, NOW + timedelta(seconds=30 * s)) for s in (-1, 0, 1)}
    assert code not in accepted
    assert totp.verify(SECRET, code, NOW, None).outcome is TotpCheck.WRONG


def test_verify_refuses_replay_of_same_step():
    code = totp.code_at(SECRET, NOW)
    first = totp.verify(SECRET, code, NOW, None)
    assert first.outcome is TotpCheck.OK
    again = totp.verify(SECRET, code, NOW + timedelta(seconds=5), first.step)
    assert again.outcome is TotpCheck.REPLAY


def test_verify_refuses_an_older_step_after_a_newer_one():
    newer = totp.verify(SECRET, totp.code_at(SECRET, NOW), NOW, None)
    older_code = totp.code_at(SECRET, NOW - timedelta(seconds=30))
    assert totp.verify(SECRET, older_code, NOW, newer.step).outcome is TotpCheck.REPLAY


def test_verify_accepts_next_step_after_a_used_one():
    first = totp.verify(SECRET, totp.code_at(SECRET, NOW), NOW, None)
    later = NOW + timedelta(seconds=30)
    second = totp.verify(SECRET, totp.code_at(SECRET, later), later, first.step)
    assert second.outcome is TotpCheck.OK
    assert second.step == first.step + 1


def test_verify_with_spaces_in_code():
    code = totp.code_at(SECRET, NOW)
    assert totp.verify(SECRET, f"{code[:3]} {code[3:]}", NOW, None).outcome is TotpCheck.OK


@pytest.mark.parametrize(
    "typed", [None, "", "12345", "1234567", "abcdef", "１２３４５６", "1" * 10_000]
)
def test_verify_malformed(typed):
    assert totp.verify(SECRET, typed, NOW, None).outcome is TotpCheck.MALFORMED


def test_verify_wrong_code():
    code = totp.code_at(SECRET, NOW)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    accepted = {totp.code_at(SECRET, NOW + timedelta(seconds=30 * s)) for s in (-1, 0, 1)}
    assert wrong not in accepted
    assert totp.verify(SECRET, wrong, NOW, None).outcome is TotpCheck.WRONG


def test_seconds_left():
    assert totp.seconds_left(datetime(2026, 3, 2, 8, 0, 0, tzinfo=UTC)) == 30
    assert totp.seconds_left(datetime(2026, 3, 2, 8, 0, 10, tzinfo=UTC)) == 20
    assert totp.seconds_left(datetime(2026, 3, 2, 8, 0, 29, tzinfo=UTC)) == 1


# Secrets ----------------------------------------------------------------------------------


def test_new_secret_is_32_base32_characters_160_bits():
    secret = totp.new_secret(random.Random(1))
    assert len(secret) == 32
    assert set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert len(base64.b32decode(secret)) == 20


def test_new_secret_reproducible_for_a_seed_and_different_otherwise():
    assert totp.new_secret(random.Random("s:1")) == totp.new_secret(random.Random("s:1"))
    assert totp.new_secret(random.Random("s:1")) != totp.new_secret(random.Random("s:2"))


def test_group_secret():
    assert totp.group_secret("ABCDEFGHIJKLMNOP") == "ABCD EFGH IJKL MNOP"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        ("jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        ("JBSW-Y3DP-EHPK-3PXP-JBSW-Y3DP-EH", "JBSWY3DPEHPK3PXPJBSWY3DPEH"),
        (RFC_SECRET.lower(), RFC_SECRET),
    ],
)
def test_clean_secret_forgives_case_spaces_dashes(typed, expected):
    assert totp.clean_secret(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "JBSWY3DP",
        "JBSWY3DPEHPK3PX1",
        "JBSWY3DPEHPK3PX8",
        "JBSWY3DPEHPK3PX!",
        "<script>alert(1)</script>AAAA",
        "A" * 129,
        "ÉBSWY3DPEHPK3PXP",
        "JBSWY3DPEHPK3PXPA",
        "JBSWY3DPEHPK3PXP",  # 80 bits: valid Base32, too short for pyotp (112 bits at least)
        "JBSWY3DPEHPK3PXPJBSWY3",  # 22 characters: 13 bytes
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX1",
    ],
)
def test_clean_secret_refuses(typed):
    assert totp.clean_secret(typed) is None


@pytest.mark.parametrize("length", range(16, 129))
def test_every_accepted_secret_gives_codes(length):
    secret = totp.clean_secret("A" * length)
    if secret is not None:
        assert len(base64.b32decode(secret + "=" * (-len(secret) % 8))) * 8 >= 112
        assert re.fullmatch(r"\d{6}", totp.code_at(secret, NOW))
        assert totp.verify(secret, totp.code_at(secret, NOW), NOW, None).outcome is TotpCheck.OK


def test_shortest_accepted_secret_is_23_characters():
    accepted = [n for n in range(16, 129) if totp.clean_secret("A" * n)]
    assert accepted[0] == 23


def test_parse_uri_refuses_a_too_short_secret():
    with pytest.raises(ValueError):
        totp.parse_uri("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&issuer=X")


# Provisioning URIs ------------------------------------------------------------------------


def test_sandbox_issuer_says_simulation():
    assert totp.sandbox_issuer("PIGP") == "PIGP (simulation)"


def test_provisioning_uri_format():
    issuer = totp.sandbox_issuer("BNUM")
    uri = totp.provisioning_uri(SECRET, "jeanne.martin@collectivite.test", issuer)
    parts = urlparse(uri)
    assert uri.startswith("otpauth://totp/")
    query = parse_qs(parts.query)
    assert query["secret"] == [SECRET]
    assert query["issuer"] == ["BNUM (simulation)"]
    label = unquote(parts.path.lstrip("/"))
    assert label == "BNUM (simulation):jeanne.martin@collectivite.test"
    # SHA1, 6 digits, 30 s: stated or left to the standard defaults, never anything else.
    assert query.get("algorithm", ["SHA1"]) == ["SHA1"]
    assert query.get("digits", ["6"]) == ["6"]
    assert query.get("period", ["30"]) == ["30"]
    # What a phone app (here pyotp's own reader) understands from it.
    phone = pyotp.parse_uri(uri)
    assert phone.digits == 6 and phone.interval == 30 and phone.digest().name == "sha1"
    assert phone.now() == pyotp.TOTP(SECRET).now()


def test_parse_uri_round_trip():
    issuer = totp.sandbox_issuer("Portail client Karbon")
    uri = totp.provisioning_uri(SECRET, "jeanne.martin@collectivite.test", issuer)
    entry = totp.parse_uri(uri)
    assert entry == totp.OtpAuthEntry(
        issuer=issuer, account_name="jeanne.martin@collectivite.test", secret=SECRET
    )


def test_parse_uri_takes_issuer_from_label_when_parameter_missing():
    entry = totp.parse_uri(f"otpauth://totp/Cerb%C3%A8re%20(simulation):jmartin?secret={SECRET}")
    assert entry.issuer == "Cerbère (simulation)"
    assert entry.account_name == "jmartin"


def test_parse_uri_accepts_explicit_standard_parameters():
    uri = f"otpauth://totp/X:y?secret={SECRET}&issuer=X&algorithm=SHA1&digits=6&period=30"
    assert totp.parse_uri(uri).secret == SECRET


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "bonjour",
        "https://example.test/otpauth",
        f"http://totp/X:y?secret={SECRET}",
        f"otpauth://hotp/X:y?secret={SECRET}&counter=0",
        "otpauth://totp/X:y",
        "otpauth://totp/X:y?secret=",
        "otpauth://totp/X:y?secret=not-base32!",
        f"otpauth://totp/X:y?secret={SECRET}&digits=8",
        f"otpauth://totp/X:y?secret={SECRET}&period=60",
        f"otpauth://totp/X:y?secret={SECRET}&algorithm=SHA256",
        f"otpauth://totp/X:y?secret={SECRET}&issuer=X&" + "a" * 3000,
    ],
)
def test_parse_uri_refuses_bad_uris_with_a_french_message(uri):
    with pytest.raises(ValueError) as problem:
        totp.parse_uri(uri)
    text = str(problem.value)
    assert text and any(word in text for word in ("code QR", "clé", "paramètres"))
