"""Steps the EU Login web tests share (no tests here): log in, add the sandbox's number."""

from __future__ import annotations

from datetime import timedelta

LOGIN = "/eulogin/connexion"
PASSWORD = "/eulogin/connexion/mot-de-passe"
SMS = "/eulogin/connexion/sms"
PHONES = "/eulogin/compte/telephones"
ADD = "/eulogin/compte/telephones/ajouter"
CONFIRM = "/eulogin/compte/telephones/confirmer"


def creds(web) -> tuple[str, str, str]:
    state = web.state()
    account = state["accounts"]["eulogin"]
    return account["username"], account["password"], state["person"]["mobile"]


def arrive(wall, seconds: int = 10) -> None:
    """SMS take a few seconds of sandbox time to reach the phone."""
    wall.advance(timedelta(seconds=seconds))


def login_password(web, service: str = "traces"):
    email, password, _ = creds(web)
    web.post(f"{LOGIN}?service={service}", {"email": email})
    return web.post(PASSWORD, {"password": password, "method": "password"})


def add_phone(web, wall) -> str:
    """Logged in with a password: add the sandbox phone's number, confirmed by its SMS."""
    _, _, mobile = creds(web)
    assert web.post(ADD, {"phone": mobile}).status_code == 302
    arrive(wall)
    assert web.post(CONFIRM, {"code": web.latest_sms_code()}).status_code == 302
    return mobile


def start_sms_login(web, service: str = "traces"):
    email, password, mobile = creds(web)
    web.post(f"{LOGIN}?service={service}", {"email": email})
    return web.post(PASSWORD, {"password": password, "method": "sms", "phone": mobile})


def login_sms(web, wall, service: str = "traces"):
    assert start_sms_login(web, service).status_code == 302
    arrive(wall)
    return web.post(SMS, {"code": web.latest_sms_code()})
