"""The mobile-number rule of EU Login in the sandbox: international format, mobile only,
fiction range only (no real number is ever stored), a precise reason otherwise."""

from __future__ import annotations

import pytest

from simulator.domain import phones
from simulator.domain.phones import PhoneProblem, parse_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "+33639981234",
        "+33 6 39 98 12 34",
        "+33 06 39 98 12 34",
        "+33 (0)6 39 98 12 34",
        "0033 6 39 98 12 34",
        " +33 6 39 98 12 34 ",
        "+33.6.39.98.12.34",
        "+33-6-39-98-12-34",
        "+33\u00a06\u00a039\u00a098\u00a012\u00a034",
    ],
)
def test_fiction_numbers_in_any_usual_spelling(typed):
    assert parse_mobile(typed) == phones.PhoneCheck("+33639981234")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (None, PhoneProblem.EMPTY),
        ("   ", PhoneProblem.EMPTY),
        ("0612345678", PhoneProblem.NO_COUNTRY_CODE),
        ("06 39 98 12 34", PhoneProblem.NO_COUNTRY_CODE),
        ("639981234", PhoneProblem.NO_COUNTRY_CODE),
        ("+33 1 23 45 67 89", PhoneProblem.NOT_MOBILE),
        ("+33 9 50 12 34 56", PhoneProblem.NOT_MOBILE),
        ("+33 6", PhoneProblem.TOO_SHORT),
        ("+33", PhoneProblem.TOO_SHORT),
        ("+33 6 39 98 12", PhoneProblem.TOO_SHORT),
        ("+33 6 39 98 12 345", PhoneProblem.TOO_LONG),
        ("6" * 10_240, PhoneProblem.TOO_LONG),
        ("abc", PhoneProblem.NOT_DIGITS),
        ("+33 6 39 98 12 3a", PhoneProblem.NOT_DIGITS),
        ("+33 ٦ ٣٩ ٩٨ ١٢ ٣٤", PhoneProblem.NOT_DIGITS),
        ("+３３６３９９８１２３４", PhoneProblem.NOT_DIGITS),
        ("++33639981234", PhoneProblem.NOT_DIGITS),
        ("+33\n639981234", PhoneProblem.NOT_DIGITS),
        ("+999 123", PhoneProblem.INVALID),
        ("+33 6 12 34 56 78", PhoneProblem.REAL_NUMBER),
        ("+32 470 12 34 56", PhoneProblem.REAL_NUMBER),
        ("+1 202 555 0123", PhoneProblem.REAL_NUMBER),
    ],
)
def test_refusals_name_the_problem(typed, problem):
    check = parse_mobile(typed)
    assert check.problem is problem and check.e164 is None and not check.ok


def test_every_problem_has_a_french_message_saying_what_to_type():
    for problem in PhoneProblem:
        text = phones.PhoneCheck(None, problem).message("+33 6 39 98 00 01")
        assert text.endswith(".") and "{" not in text
    assert "+33 6 39 98 00 01" in phones.PhoneCheck(None, PhoneProblem.REAL_NUMBER).message(
        "+33 6 39 98 00 01"
    )
    assert "+33" in phones.PhoneCheck(None, PhoneProblem.NO_COUNTRY_CODE).message()


def test_international_display():
    assert phones.international("+33639981234") == "+33 6 39 98 12 34"
    assert phones.international("n'importe quoi") == "n'importe quoi"


def test_resend_limit():
    assert [phones.may_send_again(n) for n in range(5)] == [True, True, True, False, False]
