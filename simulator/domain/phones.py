"""Mobile numbers typed by a trainee: what they meant, or precisely what is wrong.

EU Login (seed 004) wants a mobile number in international format, with the country code
(« +33 6 … »). ``phonenumbers`` judges the number (a landline cannot receive an SMS), and
the sandbox adds its own rule: only numbers of the range reserved for fiction
(06 39 98 00 00 – 06 39 98 99 99, which ``phonenumbers`` does not call valid) are accepted,
so no real person's number is ever stored. Every refusal says what to type instead.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

import phonenumbers

from .personas import is_fiction_mobile

SMS_SENDS_PER_REQUEST = 3  # the first SMS and two resends: an SMS may take 15 minutes, resending early only adds confusion
MAX_TYPED = 32  # « +33 (0)6 39 98 12 34 » with generous spacing; 15 digits at most (E.164)
_ALLOWED = re.compile(r"[0-9 .\-()+\u00a0\u202f]+", re.ASCII)
_SPACES = re.compile(r"[ .\-()\u00a0\u202f]")


class PhoneProblem(enum.Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_DIGITS = "not_digits"
    NO_COUNTRY_CODE = "no_country_code"
    TOO_SHORT = "too_short"
    INVALID = "invalid"
    NOT_MOBILE = "not_mobile"
    REAL_NUMBER = "real_number"


EXAMPLE = "+33 6 39 98 12 34"

MESSAGES_FR = {
    PhoneProblem.EMPTY: f"Saisissez votre numéro de téléphone portable au format international, par exemple {EXAMPLE}.",
    PhoneProblem.TOO_LONG: "Ce numéro est trop long : un numéro international compte au plus 15 chiffres, "
    f"par exemple {EXAMPLE}.",
    PhoneProblem.NOT_DIGITS: "Un numéro de téléphone ne contient que des chiffres de 0 à 9, des espaces et le signe + "
    f"devant l'indicatif du pays, par exemple {EXAMPLE}.",
    PhoneProblem.NO_COUNTRY_CODE: "Indiquez l'indicatif du pays : pour un portable français, remplacez le 0 initial "
    "par +33 (06 39 98 12 34 s'écrit +33 6 39 98 12 34).",
    PhoneProblem.TOO_SHORT: "Ce numéro est incomplet : après l'indicatif +33, tapez les 9 chiffres du portable, "
    f"par exemple {EXAMPLE}.",
    PhoneProblem.INVALID: "Ce numéro n'existe pas : vérifiez l'indicatif du pays et le nombre de chiffres, "
    f"par exemple {EXAMPLE}.",
    PhoneProblem.NOT_MOBILE: "Ce numéro n'est pas celui d'un téléphone portable (ligne fixe ou box internet) : "
    "les SMS n'arrivent que sur un portable (en France, +33 6 … ou +33 7 …).",
    PhoneProblem.REAL_NUMBER: "Le simulateur n'enregistre jamais un vrai numéro : saisissez celui du téléphone du "
    "bac à sable, {sandbox_number}.",
}


@dataclass(frozen=True)
class PhoneCheck:
    e164: str | None
    problem: PhoneProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self, sandbox_number: str = EXAMPLE) -> str:
        if self.problem is None:
            return ""
        return MESSAGES_FR[self.problem].format(sandbox_number=sandbox_number)


def parse_mobile(typed: str | None) -> PhoneCheck:
    """Judge a typed number; on success ``e164`` is « +33639981234 »."""
    text = (typed or "").strip()
    if not text:
        return PhoneCheck(None, PhoneProblem.EMPTY)
    if len(text) > MAX_TYPED:
        return PhoneCheck(None, PhoneProblem.TOO_LONG)
    if not _ALLOWED.fullmatch(text):  # Unicode digits too: refused, not silently converted
        return PhoneCheck(None, PhoneProblem.NOT_DIGITS)
    compact = _SPACES.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not compact.startswith("+") or "+" in compact[1:]:
        problem = PhoneProblem.NO_COUNTRY_CODE if "+" not in compact else PhoneProblem.NOT_DIGITS
        return PhoneCheck(None, problem)
    return _judge(compact)


def _judge(compact: str) -> PhoneCheck:
    try:
        number = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException as error:
        if error.error_type in (
            phonenumbers.NumberParseException.TOO_SHORT_NSN,
            phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD,
            phonenumbers.NumberParseException.NOT_A_NUMBER,
        ):
            return PhoneCheck(None, PhoneProblem.TOO_SHORT)
        if error.error_type == phonenumbers.NumberParseException.TOO_LONG:
            return PhoneCheck(None, PhoneProblem.TOO_LONG)
        return PhoneCheck(None, PhoneProblem.INVALID)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if is_fiction_mobile(e164):
        return PhoneCheck(e164)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == phonenumbers.ValidationResult.TOO_SHORT:
        return PhoneCheck(None, PhoneProblem.TOO_SHORT)
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        return PhoneCheck(None, PhoneProblem.TOO_LONG)
    if not phonenumbers.is_valid_number(number):
        return PhoneCheck(None, PhoneProblem.INVALID)
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return PhoneCheck(None, PhoneProblem.NOT_MOBILE)
    return PhoneCheck(None, PhoneProblem.REAL_NUMBER)


def international(e164: str) -> str:
    """« +33 6 39 98 12 34 », as the portal lists a number."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def may_send_again(sent_for_this_request: int) -> bool:
    """EU Login limits the SMS of one login or one new number; beyond, start the request again."""
    return sent_for_this_request < SMS_SENDS_PER_REQUEST
