"""TRACES NT and EU Login clicked through in Chromium, as a trainee would: the certificate
refused, the mobile number added with the code read on the sandbox phone (second tab), the
login with « Téléphone portable + SMS », and the certificate created."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_sandbox(page):
    page.goto("/")
    email = page.get_by_test_id("username-eulogin").inner_text()
    password = page.get_by_test_id("password-eulogin").inner_text()
    national = page.get_by_test_id("persona-mobile").inner_text()  # « 06 39 98 12 34 »
    return email, password, national


def international(national: str) -> str:
    """What the trainee types: the 0 replaced by +33, spaces kept."""
    return "+33 " + national[1:]


def log_in(page, email, password, phone=None):
    page.goto("/traces/")
    page.click("#traces-login-main")
    page.fill("#email", email)
    page.click("#email-submit")
    page.fill("#password", password)
    if phone:
        page.check("#method-sms")
        page.fill("#phone", phone)
    page.click("#login-submit")


def read_sms_code(phone_tab) -> str:
    phone_tab.goto("/telephone/")
    text = phone_tab.get_by_test_id("sms-text").first.inner_text()
    return re.search(r"\b(\d{6})\b", text).group(1)


def let_sms_arrive(page, seconds=10):
    page.request.post("/_sim/wall-clock", data={"advance_seconds": seconds})


def add_number(page, context, national):
    page.click("#account-name")
    page.click("#menu-profile")
    page.click("#profile-eulogin")
    page.click("#manage-phones")
    page.click("#add-phone")
    page.fill("#phone", "0" + national[1:].replace(" ", ""))  # the usual mistake: no country code
    page.click("#add-submit")
    expect(page.locator(".field-error")).to_contain_text("+33")
    page.fill("#phone", international(national))
    page.click("#add-submit")
    expect(page.get_by_test_id("sms-delay")).to_contain_text("15 minutes")
    let_sms_arrive(page)
    phone_tab = context.new_page()
    code = read_sms_code(phone_tab)
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#finalize")
    expect(page.get_by_test_id("phone-row")).to_contain_text(international(national))
    return phone_tab


def test_refused_then_number_added_then_sms_login_creates_the_certificate(page, context):
    email, password, national = open_sandbox(page)
    log_in(page, email, password)
    expect(page.get_by_test_id("traces-method")).to_have_text("Mot de passe seul")
    page.click("#new-certificate")
    expect(page.get_by_test_id("certificate-blocked")).to_contain_text(
        "Authentification multifactorielle requise"
    )

    phone_tab = add_number(page, context, national)

    page.goto("/traces/")
    page.click("#account-name")
    page.click("#traces-logout")
    log_in(page, email, password, phone=international(national))
    expect(page).to_have_url(re.compile(r"/eulogin/connexion/sms$"))
    let_sms_arrive(page)
    code = read_sms_code(phone_tab)
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#sms-submit")
    expect(page.get_by_test_id("traces-method")).to_have_text("Téléphone portable + SMS")
    page.click("#new-certificate")
    page.select_option("#goods", "ovins")
    page.select_option("#destination", "DE")
    page.click("#certificate-submit")
    expect(page.get_by_test_id("certificate-reference")).to_have_text(
        re.compile(r"INTRA\.FR\.\d{4}\.0000001")
    )


def test_a_late_sms_arrives_within_15_minutes_of_sandbox_time(page, context):
    email, password, national = open_sandbox(page)
    page.goto("/incidents/")
    page.check("#sms_late")
    page.get_by_test_id("save-faults").click()
    log_in(page, email, password)
    page.goto("/eulogin/compte/telephones/ajouter")
    page.fill("#phone", international(national))
    page.click("#add-submit")
    phone_tab = context.new_page()
    let_sms_arrive(page, 60)
    phone_tab.goto("/telephone/")
    expect(phone_tab.get_by_test_id("no-sms")).to_be_visible()
    let_sms_arrive(page, 15 * 60)
    code = read_sms_code(phone_tab)
    page.bring_to_front()
    page.fill("#code", code)
    page.click("#finalize")
    expect(page.get_by_test_id("phone-row")).to_be_visible()


def test_a_real_number_is_refused_and_the_sandbox_number_is_shown(page):
    email, password, national = open_sandbox(page)
    log_in(page, email, password)
    page.goto("/eulogin/compte/telephones/ajouter")
    page.fill("#phone", "+33 6 12 34 56 78")
    page.click("#add-submit")
    expect(page.locator(".field-error")).to_contain_text("+33 " + national[1:])
    page.goto("/eulogin/compte/telephones")
    expect(page.get_by_test_id("no-phone")).to_be_visible()


def test_removing_the_number_takes_the_sms_method_away(page, context):
    email, password, national = open_sandbox(page)
    log_in(page, email, password)
    add_number(page, context, national)
    page.bring_to_front()
    page.get_by_test_id("remove-phone").click()
    expect(page.get_by_test_id("no-phone")).to_be_visible()
    page.click("#eulogin-logout")
    page.fill("#email", email)
    page.click("#email-submit")
    expect(page.locator("#method-sms")).to_have_count(0)
