"""Where and when mails and SMS land (simulator.domain.outbox)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from simulator.domain import outbox
from simulator.domain.faults import Faults
from simulator.domain.outbox import INBOX, LOST, SPAM, Rule

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ME = "jeanne.martin@collectivite.test"
DGFIP = "ne-pas-repondre@dgfip.finances.gouv.fr"


def plan(sender=DGFIP, recipient=ME, rules=(), faults=Faults()):
    return outbox.plan_mail(sender, recipient, ME, T0, rules, faults)


def test_plain_mail_lands_in_inbox_at_once():
    delivery = plan()
    assert delivery.folder == INBOX
    assert delivery.deliver_at == T0
    assert delivery.reasons == ()


def test_recipient_compared_without_case():
    assert plan(recipient=ME.upper()).folder == INBOX


@pytest.mark.parametrize("needle", ["dgfip", "DGFIP", "finances.gouv.fr", DGFIP])
def test_filter_rule_sends_to_spam(needle):
    delivery = plan(rules=[Rule(needle, SPAM)])
    assert delivery.folder == SPAM
    assert any(needle in reason for reason in delivery.reasons)


def test_rule_that_does_not_match_leaves_inbox():
    assert plan(rules=[Rule("karbon", SPAM)]).folder == INBOX


def test_empty_rule_matches_nothing():
    assert plan(rules=[Rule("", SPAM)]).folder == INBOX


def test_first_matching_rule_wins():
    assert plan(rules=[Rule("dgfip", INBOX), Rule("gouv", SPAM)]).folder == INBOX


def test_mail_to_spam_fault():
    delivery = plan(faults=Faults(mail_to_spam=True))
    assert delivery.folder == SPAM
    assert delivery.reasons


def test_rule_to_inbox_is_still_caught_by_spam_fault():
    assert plan(rules=[Rule("dgfip", INBOX)], faults=Faults(mail_to_spam=True)).folder == SPAM


@pytest.mark.parametrize("delay", [1, 10, 45, 120])
def test_mail_delay(delay):
    delivery = plan(faults=Faults(mail_delay_minutes=delay))
    assert delivery.folder == INBOX
    assert delivery.deliver_at == T0 + timedelta(minutes=delay)
    assert any(str(delay) in reason for reason in delivery.reasons)


def test_negative_delay_is_no_delay():
    assert plan(faults=Faults(mail_delay_minutes=-5)).deliver_at == T0


def test_wrong_recipient_is_lost():
    delivery = plan(recipient=outbox.misspell(ME))
    assert delivery.folder == LOST
    assert delivery.reasons


def test_wrong_recipient_is_lost_even_with_rules():
    assert plan(recipient="quelquun@ailleurs.test", rules=[Rule("dgfip", SPAM)]).folder == LOST


# SMS ---------------------------------------------------------------------------------------


def test_sms_usually_arrives_within_seconds():
    delivery = outbox.plan_sms(T0, Faults(), random.Random(1))
    assert delivery.folder == INBOX
    assert T0 <= delivery.deliver_at <= T0 + timedelta(minutes=1)


@pytest.mark.parametrize("seed", range(60))
def test_late_sms_at_most_fifteen_minutes(seed):
    delivery = outbox.plan_sms(T0, Faults(sms_late=True), random.Random(seed))
    assert delivery.folder == INBOX
    assert T0 + timedelta(minutes=1) < delivery.deliver_at <= T0 + outbox.SMS_WORST_DELAY
    assert delivery.reasons


def test_sms_worst_delay_is_fifteen_minutes():
    assert outbox.SMS_WORST_DELAY == timedelta(minutes=15)


# Faults ------------------------------------------------------------------------------------


def test_faults_from_dict_ignores_unknown_keys():
    faults = Faults.from_dict({"mail_to_spam": True, "hack": "x"})
    assert faults == Faults(mail_to_spam=True)
    assert Faults.from_dict(None) == Faults()


# Addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        ME,
        "ab@collectivite.test",
        "a@collectivite.test",
        "anne@x.test",
        "bxxx@collectivite.test",
        "aaaa@collectivite.test",
        "xxxx@collectivite.test",
        "noel.allain@collectivite.test",
        "j@aab.test",
        "j@ab.test",
        "j@abc.test",
        "j@xyz.example",
    ],
)
def test_misspell_changes_the_address_by_one_letter(address):
    wrong = outbox.misspell(address)
    assert wrong != address
    assert wrong.casefold() != address.casefold()
    assert wrong.count("@") == 1
    assert one_typo_apart(wrong, address)


def one_typo_apart(a: str, b: str) -> bool:
    """One letter dropped, added, or two neighbours swapped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) == 1:
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    return False


def test_misspelled_address_is_lost():
    assert plan(recipient=outbox.misspell(ME)).folder == LOST


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("jeanne.martin@collectivite.test", "j***********n@collectivite.test"),
        ("ab@x.test", "a*@x.test"),
        ("a@x.test", "a*@x.test"),
        ("abc@x.test", "a*c@x.test"),
    ],
)
def test_mask_address(address, masked):
    assert outbox.mask_address(address) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+33639981234", "+33 6 ** ** ** 34"),
        ("+32470123456", "+32 *******56"),
    ],
)
def test_mask_phone(phone, masked):
    assert outbox.mask_phone(phone) == masked
    assert phone[-8:-2] not in masked.replace(" ", "")
