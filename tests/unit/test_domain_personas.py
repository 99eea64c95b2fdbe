"""Generated identities (simulator.domain.personas)."""

from __future__ import annotations

import random
import re

import pytest

from simulator.domain import personas

SEEDS = [0, 1, 2, 42, 123456, 999_999]


def test_deterministic_for_a_seed():
    assert personas.generate(42) == personas.generate(42)


def test_different_for_another_seed():
    first, second = personas.generate(42), personas.generate(43)
    assert (first.full_name, first.mobile, first.accounts) != (
        second.full_name,
        second.mobile,
        second.accounts,
    )


def test_many_seeds_give_many_people():
    people = {personas.generate(seed).email for seed in range(30)}
    assert len(people) >= 25


@pytest.mark.parametrize("seed", SEEDS)
def test_emails_on_the_reserved_test_domain(seed):
    person = personas.generate(seed)
    assert person.email.endswith(".test")
    assert re.fullmatch(r"[a-z0-9.\-]+@collectivite\.test", person.email)
    for creds in person.accounts.values():
        if "@" in creds.username:
            assert creds.username.endswith(".test")


@pytest.mark.parametrize("seed", SEEDS)
def test_mobile_in_the_fiction_range(seed):
    person = personas.generate(seed)
    assert re.fullmatch(r"\+3363998\d{4}", person.mobile)
    assert personas.is_fiction_mobile(person.mobile)
    assert re.fullmatch(r"06 39 98 \d\d \d\d", person.mobile_national)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_account_on_every_portal(seed):
    person = personas.generate(seed)
    assert set(person.accounts) == set(personas.PORTALS)
    for creds in person.accounts.values():
        assert creds.username and creds.password.isascii() and len(creds.password) >= 8


def test_full_name():
    person = personas.generate(5)
    assert person.full_name == f"{person.first_name} {person.last_name}"
    assert person.seed == 5


def test_fiction_mobile_draws_in_range():
    for seed in range(50):
        assert personas.is_fiction_mobile(personas.fiction_mobile(random.Random(seed)))


@pytest.mark.parametrize("number", ["+33639980000", "+33639989999", "+33639981234"])
def test_is_fiction_mobile_accepts_the_range(number):
    assert personas.is_fiction_mobile(number)


@pytest.mark.parametrize(
    "number",
    [
        "+33612345678",
        "+3363998123",
        "+336399812345",
        "0639981234",
        "+33639981２34",
        "+3363998abcd",
        "+3363998 123",
        "",
        "+32639981234",
    ],
)
def test_is_fiction_mobile_refuses_the_rest(number):
    assert not personas.is_fiction_mobile(number)


@pytest.mark.parametrize(
    ("text", "slug"), [("Éloïse", "eloise"), ("Le Gall", "le-gall"), ("N'Diaye", "ndiaye")]
)
def test_ascii_slug(text, slug):
    assert personas.ascii_slug(text) == slug


def test_addresses_and_usernames_are_plain_ascii_for_many_seeds():
    for seed in range(300):
        person = personas.generate(seed)
        assert re.fullmatch(r"[a-z0-9]+(?:[.-][a-z0-9]+)*@collectivite\.test", person.email), (
            person.email
        )
        assert re.fullmatch(r"[a-z0-9-]{1,12}\d\d", person.accounts["pigp"].username)
        assert personas.is_fiction_mobile(person.mobile)
