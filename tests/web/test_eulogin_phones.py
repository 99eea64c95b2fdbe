"""Adding, confirming and removing a mobile number on EU Login (seed 004, steps 5 to 8)."""

from __future__ import annotations

import pytest

from simulator.domain.phones import MESSAGES_FR, PhoneProblem
from tests.portals import EuLogin

ADD, CONFIRM, PHONES = EuLogin.ADD, EuLogin.CONFIRM, EuLogin.PHONES
arrive = EuLogin.arrive


@pytest.fixture
def logged(eulogin):
    assert eulogin.login_password().status_code == 302
    return eulogin


BAD_NUMBERS = [
    ("0612345678", PhoneProblem.NO_COUNTRY_CODE),
    ("+33 1 23 45 67 89", PhoneProblem.NOT_MOBILE),
    ("+33 6", PhoneProblem.TOO_SHORT),
    ("six un deux", PhoneProblem.NOT_DIGITS),
    ("6" * 10_240, PhoneProblem.TOO_LONG),
    ("+33 ٦ ٣٩ ٩٨ ١٢ ٣٤", PhoneProblem.NOT_DIGITS),
    ("+３３６３９９８１２３４", PhoneProblem.NOT_DIGITS),
    ("", PhoneProblem.EMPTY),
    ("<script>alert(1)</script>", PhoneProblem.NOT_DIGITS),
    ("+33 6' OR '1'='1", PhoneProblem.NOT_DIGITS),
    ("+33 6 12 34 56 78", PhoneProblem.REAL_NUMBER),
]


@pytest.mark.parametrize(("typed", "problem"), BAD_NUMBERS)
def test_bad_numbers_are_refused_with_a_precise_message(logged, typed, problem):
    response = logged.post(ADD, {"phone": typed})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    expected = MESSAGES_FR[problem].split("{")[0].replace("'", "&#39;")
    assert expected[:40] in page
    assert 'data-testid="phone-row"' not in logged.text(PHONES)
    assert logged.get(CONFIRM).status_code == 302  # nothing pending either


def test_a_real_mobile_is_refused_pointing_at_the_sandbox_phone(logged):
    page = logged.post(ADD, {"phone": "+33 6 12 34 56 78"}).get_data(as_text=True)
    _, _, mobile = logged.credentials()
    assert "+33 6 39 98 " + mobile[-4:-2] + " " + mobile[-2:] in page
    assert logged.state()  # nothing stored: the list stays empty
    assert 'data-testid="no-phone"' in logged.text(PHONES)


def test_add_then_finalise_lists_the_number_and_sends_a_notice(logged, wall):
    mobile = logged.add_phone(wall)
    page = logged.text(PHONES)
    assert 'data-testid="phone-row"' in page and mobile[-2:] in page
    assert "associé à votre compte EU Login" in logged.latest_mail()


def test_spaces_and_national_zero_after_country_code_are_accepted(logged, wall):
    _, _, mobile = logged.credentials()
    spaced = f"+33 (0)6 39 98 {mobile[-4:-2]} {mobile[-2:]}"
    assert logged.post(ADD, {"phone": spaced}).status_code == 302
    assert "Le message peut mettre jusqu'à 15 minutes" in logged.text(CONFIRM)


def test_number_not_stored_before_finaliser(logged, wall):
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    assert 'data-testid="no-phone"' in logged.text(PHONES)
    response = logged.post("/eulogin/compte/telephones/annuler")
    assert response.status_code == 302
    assert 'data-testid="no-phone"' in logged.text(PHONES)
    assert logged.get(CONFIRM).status_code == 302  # cancelled: the code page is gone


def test_wrong_code_then_lockout(logged, wall):
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    arrive(wall)
    right = logged.latest_sms_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        page = logged.post(CONFIRM, {"code": wrong}).get_data(as_text=True)
        assert f"Il vous reste {left} essai" in page
    page = logged.post(CONFIRM, {"code": wrong}).get_data(as_text=True)
    assert "bloquée" in page
    response = logged.post(CONFIRM, {"code": right})
    assert response.status_code == 400 and "bloquée" in response.get_data(as_text=True)


@pytest.mark.parametrize("code", ["", "abc123", "１２３４５６", "1" * 5000, "<b>1</b>"])
def test_malformed_codes(logged, code):
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    response = logged.post(CONFIRM, {"code": code})
    assert response.status_code == 400
    assert "code" in response.get_data(as_text=True)


def test_code_expires(logged, wall):
    from simulator.domain.codes import SMS_CHALLENGE_LIFETIME

    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    arrive(wall)
    code = logged.latest_sms_code()
    wall.advance(SMS_CHALLENGE_LIFETIME)
    page = logged.post(CONFIRM, {"code": code}).get_data(as_text=True)
    assert "a expiré" in page


def test_resend_is_limited_and_voids_the_previous_code(logged, wall):
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    arrive(wall)
    first = logged.latest_sms_code()
    assert logged.post("/eulogin/compte/telephones/renvoyer").status_code == 302
    assert logged.post("/eulogin/compte/telephones/renvoyer").status_code == 302
    page = logged.text(CONFIRM)
    assert 'data-testid="resend-exhausted"' in page
    logged.post("/eulogin/compte/telephones/renvoyer")
    arrive(wall)
    assert logged.text("/telephone/").count('data-testid="sms"') == 3
    page = logged.post(CONFIRM, {"code": first}).get_data(as_text=True)
    assert "remplacé par un code plus récent" in page


def test_sms_late_fault_delays_the_code(logged, wall):
    logged.client.post("/_sim/faults", json={"sms_late": True})
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    arrive(wall, 60)
    assert 'data-testid="no-sms"' in logged.text("/telephone/")
    arrive(wall, 15 * 60)
    code = logged.latest_sms_code()
    assert logged.post(CONFIRM, {"code": code}).status_code == 302


def test_duplicate_number_refused(logged, wall):
    mobile = logged.add_phone(wall)
    response = logged.post(ADD, {"phone": mobile})
    assert response.status_code == 400
    assert "déjà associé" in response.get_data(as_text=True)


def test_remove_number_sends_a_notice(logged, wall):
    logged.add_phone(wall)
    import re

    factor_id = re.search(r"/telephones/(\d+)/supprimer", logged.text(PHONES)).group(1)
    assert logged.post(f"/eulogin/compte/telephones/{factor_id}/supprimer").status_code == 302
    assert 'data-testid="no-phone"' in logged.text(PHONES)
    assert "retiré de votre compte" in logged.latest_mail()


def test_foreign_number_answers_404(logged, wall, other_browser):
    logged.add_phone(wall)
    import re

    factor_id = re.search(r"/telephones/(\d+)/supprimer", logged.text(PHONES)).group(1)
    EuLogin.of(other_browser).login_password()
    assert (
        other_browser.post(f"/eulogin/compte/telephones/{factor_id}/supprimer").status_code == 404
    )
    assert 'data-testid="phone-row"' in logged.text(PHONES)


def test_confirm_without_pending_is_refused(logged):
    response = logged.post(CONFIRM, {"code": "123456"})
    assert response.status_code == 302 and response.headers["Location"].endswith(ADD)
    assert logged.post("/eulogin/compte/telephones/renvoyer").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        PHONES,
        ADD,
        CONFIRM,
        "/eulogin/compte",
        "/eulogin/compte/informations",
        "/eulogin/compte/mot-de-passe",
    ],
)
def test_account_pages_need_a_session(eulogin, url):
    response = eulogin.get(url)
    assert response.status_code == 302 and "/eulogin/connexion" in response.headers["Location"]


@pytest.mark.parametrize(
    "url",
    [ADD, CONFIRM, "/eulogin/compte/telephones/annuler", "/eulogin/compte/telephones/1/supprimer"],
)
def test_posts_without_csrf_are_400(logged, url):
    assert (
        logged.post(url, {"phone": "+33639980000", "code": "123456"}, csrf=False).status_code == 400
    )


def test_account_pages_render(logged):
    for url in ("/eulogin/compte", "/eulogin/compte/informations", PHONES, ADD):
        assert logged.get(url).status_code == 200


def test_a_second_add_voids_the_first_code(logged, wall):
    _, _, mobile = logged.credentials()
    logged.post(ADD, {"phone": mobile})
    arrive(wall)
    first = logged.latest_sms_code()
    logged.post(ADD, {"phone": mobile})
    page = logged.post(CONFIRM, {"code": first}).get_data(as_text=True)
    assert "remplacé" in page or "autre demande" in page
