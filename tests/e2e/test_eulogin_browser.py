"""TRACES NT and EU Login clicked through in Chromium, as a trainee would: the certificate
refused, the mobile number added with the code read on the sandbox phone (second tab), the
login with « Téléphone portable + SMS », and the certificate created."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .trainee import EuLogin

pytestmark = pytest.mark.browser

SMS_LATE = "SMS en retard (jusqu'à 15 minutes)"


def open_sandbox(trainee):
    email, password = trainee.account("eulogin")
    return email, password, trainee.mobile()  # « 06 39 98 12 34 »


def international(national: str) -> str:
    """What the trainee types: the 0 replaced by +33, spaces kept."""
    return "+33 " + national[1:]


def open_account_menu(page) -> None:
    """TRACES' account menu is a ``<summary>`` showing the name: no role to find it by (the
    walkthroughs say the same), hence its id."""
    page.click("#account-name")


def add_number(trainee, national):
    page = trainee.page
    eulogin = trainee.eulogin()
    open_account_menu(page)
    eulogin.follow("Mon profil")
    eulogin.follow("Mon compte sur EU Login")
    eulogin.follow("Gérer mes numéros de téléphone portable")
    eulogin.follow("Ajouter un numéro de téléphone portable")
    eulogin.enter_phone("0" + national[1:].replace(" ", ""))  # the usual mistake: no country code
    expect(page.locator(".field-error")).to_contain_text("+33")
    eulogin.enter_phone(international(national))
    expect(page.get_by_test_id("sms-delay")).to_contain_text("15 minutes")
    trainee.wait(10)
    phone_tab = trainee.new_tab()
    code = trainee.sms_code(phone_tab)
    page.bring_to_front()
    eulogin.enter_sms_code(code, "Finaliser")
    expect(page.get_by_test_id("phone-row")).to_contain_text(international(national))
    return phone_tab


def test_refused_then_number_added_then_sms_login_creates_the_certificate(trainee, page):
    email, password, national = open_sandbox(trainee)
    eulogin = trainee.eulogin()
    eulogin.log_in(email, password)
    expect(page.get_by_test_id("traces-method")).to_have_text("Mot de passe seul")
    eulogin.follow("Créer un certificat")
    expect(page.get_by_test_id("certificate-blocked")).to_contain_text(
        "Authentification multifactorielle requise"
    )

    phone_tab = add_number(trainee, national)

    page.goto("/traces/")
    open_account_menu(page)
    eulogin.press("Se déconnecter")
    eulogin.log_in(email, password, phone=international(national))
    expect(page).to_have_url(re.compile(r"/eulogin/connexion/sms$"))
    trainee.wait(10)
    code = trainee.sms_code(phone_tab)
    page.bring_to_front()
    eulogin.enter_sms_code(code)
    expect(page.get_by_test_id("traces-method")).to_have_text("Téléphone portable + SMS")
    eulogin.follow("Créer un certificat")
    page.get_by_label("Marchandise").select_option("ovins")
    page.get_by_label("Pays de destination").select_option("DE")
    eulogin.press("Créer le certificat")
    expect(page.get_by_test_id("certificate-reference")).to_have_text(
        re.compile(r"INTRA\.FR\.\d{4}\.0000001")
    )


def test_a_late_sms_arrives_within_15_minutes_of_sandbox_time(trainee, page):
    email, password, national = open_sandbox(trainee)
    trainee.switch_on(SMS_LATE)
    eulogin = trainee.eulogin()
    eulogin.log_in(email, password)
    page.goto("/eulogin/compte/telephones/ajouter")
    eulogin.enter_phone(international(national))
    phone_tab = trainee.new_tab()
    trainee.wait(60)
    phone_tab.goto("/telephone/")
    expect(phone_tab.get_by_test_id("no-sms")).to_be_visible()
    trainee.wait(15 * 60)
    code = trainee.sms_code(phone_tab)
    page.bring_to_front()
    eulogin.enter_sms_code(code, "Finaliser")
    expect(page.get_by_test_id("phone-row")).to_be_visible()


def test_a_real_number_is_refused_and_the_sandbox_number_is_shown(trainee, page):
    email, password, national = open_sandbox(trainee)
    eulogin = trainee.eulogin()
    eulogin.log_in(email, password)
    page.goto("/eulogin/compte/telephones/ajouter")
    eulogin.enter_phone("+33 6 12 34 56 78")
    expect(page.locator(".field-error")).to_contain_text("+33 " + national[1:])
    page.goto("/eulogin/compte/telephones")
    expect(page.get_by_test_id("no-phone")).to_be_visible()


def test_removing_the_number_takes_the_sms_method_away(trainee, page):
    email, password, national = open_sandbox(trainee)
    eulogin = trainee.eulogin()
    eulogin.log_in(email, password)
    add_number(trainee, national)
    page.bring_to_front()
    eulogin.press("Supprimer")
    expect(page.get_by_test_id("no-phone")).to_be_visible()
    eulogin.press("Se déconnecter")
    eulogin.enter_address(email)
    expect(page.get_by_role("radio")).to_have_count(1)  # the password alone is left
    expect(page.get_by_role("radio", name=EuLogin.SMS, exact=False)).to_have_count(0)
