"""Shared steps for the OneGov web tests (no test here): log in, enrol, read codes."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pyotp

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def second_device(app, web):
    """Another browser of the same trainee (same sandbox), e.g. a phone."""
    from tests.helpers import Browser

    client = app.test_client()
    client.set_cookie("bac_a_sable", web.client.get_cookie("bac_a_sable").value)
    return Browser(client)


def creds(web) -> tuple[str, str]:
    account = web.state()["accounts"]["onegov"]
    return account["username"], account["password"]


def login(web, *, remember: bool = False, password: str | None = None, **kwargs):
    username, default = creds(web)
    data = {"username": username, "password": password or default}
    if remember:
        data["remember"] = "y"
    return web.post("/onegov/connexion", data, **kwargs)


def session_cookie(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("session_onegov="):
            return header
    return None


def secret_of(page: str) -> str:
    uri = re.search(r'data-otpauth="([^"]+)"', page).group(1).replace("&amp;", "&")
    return parse_qs(urlparse(uri).query)["secret"][0]


def code(secret: str, wall) -> str:
    return pyotp.TOTP(secret).at(wall.now())


def enrol(web, wall) -> str:
    """Log in, activate 2FA from Mon portail, return the secret; the wall clock moves on."""
    assert login(web).status_code == 302
    secret = secret_of(web.text("/onegov/portail/2fa/configuration"))
    response = web.post("/onegov/portail/2fa/configuration", {"code": code(secret, wall)})
    assert response.headers["Location"].endswith("/onegov/portail")
    wall.advance(timedelta(seconds=30))
    return secret


def logout(web):
    return web.post("/onegov/deconnexion")


def reset_link(web) -> str:
    body = web.latest_mail()
    return re.search(r'href="(/onegov/mot-de-passe/nouveau/[0-9a-f]+)"', body).group(1)
