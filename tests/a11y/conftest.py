"""The longest person the generators can make, for the screens that print a name or address."""

from __future__ import annotations

import pytest
from faker.providers.person.fr_FR import Provider

from simulator.domain import personas


def _longest(names) -> str:
    """The name whose address part (its ASCII slug) is the longest run a line cannot break (a
    hyphen lets the address wrap); ties go to the widest letters."""
    return max(
        names,
        key=lambda n: (
            max(len(part) for part in personas.ascii_slug(n).split("-")),
            sum(c in "mwMW" for c in n),
            n,
        ),
    )


LONGEST_FIRST = _longest(list(Provider.first_names))
LONGEST_LAST = _longest(list(Provider.last_names))


class _LongestFaker:
    """Faker's fr_FR, except that every first and last name is the longest of its list."""

    def __init__(self, fake) -> None:
        self.fake = fake

    def seed_instance(self, seed: int) -> None:
        self.fake.seed_instance(seed)

    def first_name(self) -> str:
        return LONGEST_FIRST

    def last_name(self) -> str:
        return LONGEST_LAST

    def city(self) -> str:
        return self.fake.city()


@pytest.fixture
def longest_persona(monkeypatch):
    """Every sandbox created during the test gets the longest name and address the generators
    (domain/personas.py over Faker's fr_FR lists) can produce."""
    original = personas._generate
    monkeypatch.setattr(
        personas, "_generate", lambda fake, seed: original(_LongestFaker(fake), seed)
    )
    personas.generate.cache_clear()
    yield personas.generate(0)
    personas.generate.cache_clear()
