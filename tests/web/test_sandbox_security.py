"""What keeps the sandbox from serving as a phishing kit, and bad requests from a 500."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from simulator import create_app
from tests.conftest import make_test_config
from tests.helpers import open_sandbox

HTML_PAGES = [
    "/",
    "/messagerie/",
    "/messagerie/spam",
    "/messagerie/regles",
    "/telephone/",
    "/authentificateur/",
    "/horloge/",
    "/cookies/",
    "/incidents/",
]

POST_ROUTES = [
    "/recommencer",
    "/messagerie/regles",
    "/messagerie/regles/1/supprimer",
    "/authentificateur/cle",
    "/authentificateur/coller",
    "/authentificateur/image",
    "/authentificateur/scanner/0",
    "/authentificateur/1/supprimer",
    "/horloge/avancer/5min",
    "/horloge/heure-reelle",
    "/incidents/",
    "/pigp/connexion",
]

# The POST routes that have no GET page of their own (the others are forms shown by GET).
POST_ONLY_ROUTES = [
    r for r in POST_ROUTES if r not in ("/messagerie/regles", "/incidents/", "/pigp/connexion")
]


def assert_safe_html(response) -> str:
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert "Simulateur de formation" in page
    assert re.search(r'<meta name="robots" content="noindex', page)
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "Traceback" not in page
    return page


def set_cookie_header(response, name: str) -> str:
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]
    return header


# Banner, noindex, framing ------------------------------------------------------------------


@pytest.mark.parametrize("url", HTML_PAGES)
def test_every_page_has_banner_noindex_and_csp(browser_client, url):
    response = browser_client.get(url)
    assert response.status_code == 200
    assert_safe_html(response)


@pytest.mark.parametrize(
    ("url", "status"),
    [("/nulle-part", 404), ("/messagerie/message/424242", 404), ("/recommencer", 405)],
)
def test_error_pages_have_banner_noindex_and_csp(browser_client, url, status):
    response = browser_client.get(url)
    assert response.status_code == status
    assert_safe_html(response)


def test_first_visit_page_is_safe_too(client):
    assert_safe_html(client.get("/"))


def test_robots_txt_disallows_all(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /" in lines
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_frames_refused_by_header_too(browser_client):
    assert browser_client.get("/").headers["X-Frame-Options"] == "DENY"


# CSRF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", POST_ROUTES)
def test_post_without_csrf_token_is_a_french_400(browser_client, url):
    response = browser_client.post(url, {"sender_contains": "dgfip", "folder": "spam"}, csrf=False)
    assert response.status_code == 400
    page = assert_safe_html(response)
    assert "jeton de sécurité" in page


@pytest.mark.parametrize("token", ["", "faux", "x" * 5000, "IjAwMCI.bad.sig"])
def test_post_with_a_bad_csrf_token_is_a_french_400(browser_client, token):
    response = browser_client.post(
        "/messagerie/regles", {"sender_contains": "dgfip", "folder": "spam", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)
    assert "Aucune règle." in browser_client.text("/messagerie/regles")


def test_csrf_token_of_another_trainee_is_refused(browser_client, other_browser):
    response = browser_client.post(
        "/messagerie/regles",
        {"sender_contains": "dgfip", "folder": "spam", "csrf_token": other_browser.token()},
    )
    assert response.status_code == 400
    assert "Aucune règle." in browser_client.text("/messagerie/regles")


def test_refused_post_changes_nothing(browser_client, wall):
    browser_client.post("/horloge/avancer/6mois", csrf=False)
    browser_client.post("/recommencer", csrf=False)
    assert browser_client.state()["now"] == wall.now().isoformat()


# Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/nulle-part",
        "/messagerie/corbeille",
        "/horloge/arriere",
        "/%00",
        "/" + "a" * 4000,
        "/<script>alert(1)</script>",
        "/messagerie/message/99999999999999999999999",
    ],
)
def test_unknown_url_is_a_french_404(browser_client, url):
    response = browser_client.get(url)
    assert response.status_code == 404
    page = assert_safe_html(response)
    assert "Page introuvable" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "url", ["/" + "a" * 5000, "/rejoindre?code=" + "A" * 5000, "/pigp/connexion?x=" + "%41" * 2000]
)
def test_too_long_url_is_a_french_414(browser_client, url):
    response = browser_client.get(url)
    assert response.status_code == 414
    assert "Adresse trop longue" in assert_safe_html(response)


@pytest.mark.parametrize("code", [400, 413, 414, 431, 501])
def test_error_pages_a_server_in_front_fetches(client, code):
    """nginx's error_page and gunicorn's refusals fetch these (docs/deploiement/nginx.conf)."""
    response = client.get(f"/erreur/{code}")
    assert response.status_code == code
    assert 'class="training-banner"' in assert_safe_html(response)


def test_error_page_of_no_error_is_not_found(client):
    assert client.get("/erreur/200").status_code == 404


@pytest.mark.parametrize("url", POST_ONLY_ROUTES)
def test_get_of_a_post_only_route_is_405(browser_client, url):
    response = browser_client.get(url)
    assert response.status_code == 405
    assert "Méthode non autorisée" in assert_safe_html(response)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(browser_client, method):
    response = getattr(browser_client.client, method)("/messagerie/regles")
    assert response.status_code == 405


# Cookies -----------------------------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax(client):
    header = set_cookie_header(client.get("/"), "bac_a_sable")
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header  # plain HTTP on the loopback


def test_session_cookie_is_secure_over_https(tmp_path):
    app = create_app(make_test_config(tmp_path, SIM_HTTPS=True))
    try:
        header = set_cookie_header(
            app.test_client().get("/", base_url="https://localhost"), "bac_a_sable"
        )
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    finally:
        app.extensions["sim.db"].dispose()


_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def alter(value: str, position: int) -> str:
    """Flip the high bit of one base64 character: the signature's last character carries
    only two bits of data, so changing its low bits (« B » → « A ») alters nothing and the
    test failed one time in sixteen."""
    replacement = _BASE64URL[(_BASE64URL.index(value[position]) + 32) % 64]
    return value[:position] + replacement + value[position + 1 :]


@pytest.mark.parametrize("where", ["payload", "signature", "end"])
def test_altered_sandbox_cookie_gives_a_new_sandbox_never_another(
    app, browser_client, other_browser, where
):
    first = browser_client.state()["id"]
    second = other_browser.state()["id"]
    value = browser_client.client.get_cookie("bac_a_sable").value
    position = {"payload": 5, "signature": len(value) - 10, "end": len(value) - 1}[where]
    stranger = app.test_client()
    stranger.set_cookie("bac_a_sable", alter(value, position))
    assert open_sandbox(stranger).status_code == 200
    got = stranger.get("/_sim/sandbox.json").get_json()["id"]
    assert got not in (first, second)
    assert browser_client.state()["id"] == first


def test_cookie_signed_with_another_key_gives_a_new_sandbox(app, browser_client):
    victim = browser_client.state()["id"]
    forger = Flask("forger")
    forger.secret_key = "une autre clé"
    forged = (
        SecureCookieSessionInterface().get_signing_serializer(forger).dumps({"sandbox": victim})
    )
    stranger = app.test_client()
    stranger.set_cookie("bac_a_sable", forged)
    open_sandbox(stranger)
    assert stranger.get("/_sim/sandbox.json").get_json()["id"] != victim


@pytest.mark.parametrize("named", ["0" * 32, "", "x", 12345, ["a"], "0" * 5000])
def test_cookie_naming_an_unknown_sandbox_gives_a_new_one(app, named):
    signed = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"sandbox": named})
    stranger = app.test_client()
    stranger.set_cookie("bac_a_sable", signed)
    assert open_sandbox(stranger).status_code == 200
    got = stranger.get("/_sim/sandbox.json").get_json()["id"]
    assert len(got) == 32 and got != named


@pytest.mark.parametrize("value", ["", "garbage", "a" * 4000, "\x00\x01", ".eJw.bad.sig"])
def test_garbage_sandbox_cookie_never_a_500(app, value):
    stranger = app.test_client()
    stranger.set_cookie("bac_a_sable", value)
    response = stranger.get("/")
    assert response.status_code == 200
    assert "Simulateur de formation" in response.get_data(as_text=True)


# Test hooks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/_sim/sandbox.json"),
        ("post", "/_sim/faults"),
        ("post", "/_sim/wall-clock"),
        ("post", "/_sim/settings"),
        ("post", "/_sim/sandbox-clock"),
    ],
)
def test_test_hooks_absent_in_normal_mode(tmp_path, method, url):
    app = create_app(make_test_config(tmp_path, SIM_MODE="normal"))
    try:
        client = app.test_client()
        assert client.get("/").status_code == 200
        response = getattr(client, method)(
            url, json={"advance_seconds": 3600, "mail_to_spam": True}
        )
        assert response.status_code == 404
        assert "Page introuvable" in response.get_data(as_text=True)
        assert not any(rule.rule.startswith("/_sim") for rule in app.url_map.iter_rules())
    finally:
        app.extensions["sim.db"].dispose()


def test_test_hooks_present_in_test_mode(browser_client):
    assert browser_client.get("/_sim/sandbox.json").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/messagerie/regles/99999999999999999999999/supprimer",
        "/authentificateur/99999999999999999999999/supprimer",
        "/authentificateur/scanner/99999999999999999999999",
    ],
)
def test_huge_ids_in_post_urls_are_404_not_500(browser_client, url):
    response = browser_client.post(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_no_template_relies_on_inline_style_or_script():
    """The content policy forbids inline styles and scripts: written anyway, they would
    silently do nothing in the browser."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "simulator"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if any(
            marker in path.read_text(encoding="utf-8")
            for marker in ('style="', "<style", "<script>", " onclick=")
        )
    ]
    assert offenders == []
