"""Generated French identities: never a real person, never a real address.

Each sandbox gets one person from Faker's ``fr_FR`` provider, fixed by the sandbox's seed, so
a walkthrough always meets the same person and a trainer can give a trainee's seed to a
colleague. Addresses live under the reserved ``.test`` top-level domain; mobile numbers come
from the range the French regulator keeps for fiction (06 39 98 00 00 – 06 39 98 99 99).
"""

from __future__ import annotations

import functools
import random
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from faker import Faker

from . import registry

FICTION_MOBILE_PREFIX = "+3363998"  # 06 39 98 xx xx
MAIL_DOMAIN = "collectivite.test"
PORTALS = registry.KEYS

# Short, accent-free words: passwords a trainee can read on one screen and type on another.
_WORDS = (
    "Tilleul", "Orage", "Sapin", "Riviere", "Falaise", "Bruyere", "Lavande", "Granit",
    "Mistral", "Cerise", "Ardoise", "Colline", "Marais", "Prairie", "Verger", "Corail",
    "Glacier", "Horizon", "Lagune", "Noisette", "Olivier", "Pivoine", "Rocher", "Saule",
)  # fmt: skip


def ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -'"))
    return "".join(
        c for c in kept.lower().replace(" ", "-").replace("'", "") if c.isalnum() or c == "-"
    )


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


@dataclass(frozen=True)
class Persona:
    seed: int
    first_name: str
    last_name: str
    email: str
    mobile: str  # E.164, in the fiction range
    city: str
    company: str
    accounts: Mapping[str, Credentials] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def mobile_national(self) -> str:
        """« 06 39 98 12 34 »."""
        digits = "0" + self.mobile[3:]
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def fiction_mobile(rng: random.Random) -> str:
    return f"{FICTION_MOBILE_PREFIX}{rng.randrange(10000):04d}"


def is_fiction_mobile(e164: str) -> bool:
    rest = e164[len(FICTION_MOBILE_PREFIX) :]
    return (
        e164.startswith(FICTION_MOBILE_PREFIX)
        and len(rest) == 4
        and rest.isascii()
        and rest.isdigit()
    )


def _password(rng: random.Random) -> str:
    first, second = rng.sample(_WORDS, 2)
    return f"{first}-{second}-{rng.randrange(10, 100)}"


# One Faker per process, reseeded per persona: building a Faker loads every provider (27 % of
# the instructor table's time when each persona built its own). The lock keeps two threads
# from interleaving draws between a reseed and the last draw.
_FAKER = Faker("fr_FR")
_FAKER_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4096)
def generate(seed: int) -> Persona:
    """The person of ``seed``. A pure function of the seed, so it is memoised: a request asks
    for its persona several times and the instructor's table for a whole class's, every 5 s
    (a reseeded Faker still costs ~60 µs a person). Nothing here is state: forgetting the
    cache changes no answer. The persona is read-only (its accounts too)."""
    with _FAKER_LOCK:
        return _generate(_FAKER, seed)


def _generate(fake: Faker, seed: int) -> Persona:
    fake.seed_instance(seed)
    rng = random.Random(f"persona:{seed}")
    first, last = fake.first_name(), fake.last_name()
    first_slug, last_slug = ascii_slug(first), ascii_slug(last)
    email = f"{first_slug}.{last_slug}@{MAIL_DOMAIN}"
    names = registry.Names(first_slug, last_slug, email, rng)
    usernames = {portal.key: portal.username(names) for portal in registry.PORTALS}
    accounts = MappingProxyType({p: Credentials(usernames[p], _password(rng)) for p in PORTALS})
    return Persona(
        seed=seed,
        first_name=first,
        last_name=last,
        email=email,
        mobile=fiction_mobile(rng),
        city=fake.city(),
        company=f"{fake.last_name()} Conseil",
        accounts=accounts,
    )
