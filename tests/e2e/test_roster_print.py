"""The roster prints on exactly as many A4 pages as its cards need (no blank page after)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import E2E_INSTRUCTOR_PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "pages"), [(2, 1), (4, 1), (8, 2)])
def test_roster_pdf_has_no_blank_page(browser, base_url, size, pages):
    context = browser.new_context(base_url=base_url, locale="fr-FR")
    page = context.new_page()
    page.goto("/formateur/connexion")
    page.fill("#instructor-password", E2E_INSTRUCTOR_PASSWORD)
    page.click("#instructor-login")
    page.wait_for_url("**/formateur/")
    page.fill("input[name=name]", f"Impression {size}")
    page.fill("input[name=size]", str(size))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/classes/\d+$"))
    page.goto(page.url + "/fiches")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == pages
    context.close()
