"""Every phone number shown as an example (hints, messages, pages) is in the range reserved
for fiction, 06 39 98 xx xx: an example is copied, and a real number would be someone's."""

from __future__ import annotations

import re
from pathlib import Path

import simulator
from simulator.domain import phones

ROOT = Path(simulator.__file__).parent
# A French mobile written nationally (06 12 34 56 78, 0612345678) or internationally.
MOBILE = re.compile(r"(?:\+33[\s.]?\(?0?\)?\s?|\b0)([67])(?:[\s.]?\d){8}\b")


def _examples(text: str) -> list[str]:
    return [match.group(0) for match in MOBILE.finditer(text)]


def test_the_number_pattern_sees_a_real_number():
    assert _examples("par exemple 06 12 34 56 78 ou +33 6 12 34 56 78") == [
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
    ]


def test_phone_messages_use_the_fiction_range_only():
    for text in phones.MESSAGES_FR.values():
        for number in _examples(text):
            assert re.sub(r"\D", "", number)[-9:].startswith("63998"), (number, text)


def test_templates_and_code_use_the_fiction_range_only():
    for path in [*ROOT.rglob("*.html"), *ROOT.rglob("*.py"), *ROOT.rglob("*.js")]:
        for number in _examples(path.read_text(encoding="utf-8")):
            assert re.sub(r"\D", "", number)[-9:].startswith("63998"), (path, number)
