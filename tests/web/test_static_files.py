"""Stylesheets, scripts and the icon are asked for once a browser session, not on every page
(simulator/web/static_files.py): their address names their content."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.helpers import page_of


def _static_addresses(response) -> list[str]:
    page = page_of(response)
    found = [e["href"] for e in page.all("link") if e.get("href", "").startswith("/static/")]
    found += [e["src"] for e in page.all("script") if e.get("src", "").startswith("/static/")]
    return found


def test_every_static_address_of_a_page_names_its_content_and_is_kept_a_year(browser_client):
    addresses = _static_addresses(browser_client.get("/pigp/connexion"))
    assert len(addresses) >= 4  # the icon, the sandbox's and the portal's styles, a script
    for address in addresses:
        assert len(parse_qs(urlsplit(address).query)["v"][0]) == 12, address
        response = browser_client.get(address)
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_address_without_version_or_with_an_old_one_is_checked_again(client):
    for address in ("/static/sandbox.css", "/static/sandbox.css?v=000000000000"):
        response = client.get(address)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache", address


def test_a_changed_file_gets_a_new_address(app, tmp_path):
    """A new version of the simulator never leaves a browser with yesterday's stylesheet."""
    folder = tmp_path / "static"
    folder.mkdir()
    sheet = folder / "portail.css"
    sheet.write_text("p { color: #222 }")
    app.static_folder = str(folder)
    with app.test_request_context():
        from flask import url_for

        before = url_for("static", filename="portail.css")
        sheet.write_text("p { color: #333; }")
        after = url_for("static", filename="portail.css")
        missing = url_for("static", filename="absent.css")
    assert before != after and before.startswith("/static/portail.css?v=")
    assert missing == "/static/absent.css"
