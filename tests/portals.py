"""A trainee's browser on each portal, as the Flask tutorial's ``AuthActions``: one class a
portal with its login and the steps its tests share, used through the ``pigp``, ``karbon``,
``onegov``, ``eulogin`` and ``cerbere`` fixtures of ``conftest.py``.

Each class is a :class:`~tests.helpers.Browser` over the same test client as the
``browser_client`` fixture, so a test can use several portals in one sandbox (the exercises
do) and still ``get``/``post`` like any browser. When a screen changes its form, the one
method here changes, and every portal test sees it.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

from simulator.domain import totp

from .helpers import Browser

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def shown_secret(page: str) -> str:
    """The secret of the QR code a set-up page shows (its ``data-otpauth`` URI)."""
    uri = html.unescape(re.search(r'data-otpauth="([^"]+)"', page).group(1))
    return totp.parse_uri(uri).secret


def code_at(secret: str, wall) -> str:
    """What the authenticator shows now for ``secret``."""
    return totp.code_at(secret, wall.now())


def next_code(wall, secret: str) -> str:
    """The authenticator's next code: a code already used is refused, so wait 30 s."""
    wall.advance(timedelta(seconds=30))
    return code_at(secret, wall)


def session_cookie(response, portal: str = "onegov") -> str | None:
    """The ``Set-Cookie`` header of a portal's session cookie, if the response sets one."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"session_{portal}="):
            return header
    return None


class PortalBrowser(Browser):
    """The trainee's browser, seen from one portal: its account and its login."""

    portal = ""

    @classmethod
    def of(cls, web: Browser):
        """The same browser (same cookies), with this portal's steps."""
        return cls(web.client)

    @property
    def creds(self) -> dict:
        """The account the sandbox home lists for this portal (``username``, ``password``)."""
        return self.state()["accounts"][self.portal]


class Pigp(PortalBrowser):
    portal = "pigp"

    def login(self, password: str | None = None):
        """The password step: the portal e-mails a code to the sandbox's mailbox."""
        creds = self.creds
        return self.post(
            "/pigp/connexion",
            {"username": creds["username"], "password": password or creds["password"]},
        )

    def full_login(self, folder: str | None = None):
        """Password, then the code read in the mailbox (``folder``: where the fault put it)."""
        assert self.login().location == "/pigp/code"
        response = self.post("/pigp/code", {"code": self.latest_code(folder)})
        assert response.location == "/pigp/accueil"
        return response


class Karbon(PortalBrowser):
    portal = "karbon"
    GOOD_PASSWORD = "Tilleul-Horizon-2026"
    password: str | None = None  # the one the trainee chose at activation

    def invitation_link(self) -> str:
        assert self.post("/karbon/invitation").status_code == 302
        return re.search(r'href="(/karbon/invitation/[0-9a-f]{48})"', self.latest_mail()).group(1)

    def activate(self, password: str = GOOD_PASSWORD):
        assert self.get(self.invitation_link()).location == "/karbon/activation"
        response = self.post("/karbon/activation", {"password": password, "confirm": password})
        self.password = password
        return response

    def shown_secret(self) -> str:
        return shown_secret(self.text("/karbon/configuration-2fa"))

    def enrol(self, wall) -> tuple[str, list[str]]:
        """Invitation → password → QR → first code → codes saved; returns (secret, codes)."""
        assert self.activate().location == "/karbon/configuration-2fa"
        secret = self.shown_secret()
        response = self.post("/karbon/configuration-2fa", {"code": code_at(secret, wall)})
        assert response.location == "/karbon/codes-de-recuperation"
        page = self.text("/karbon/codes-de-recuperation")
        codes = re.findall(r'data-testid="recovery-code">([^<]+)<', page)
        assert (
            self.post("/karbon/codes-de-recuperation", {"saved": "y"}).location == "/karbon/accueil"
        )
        return secret, codes

    def login(self, password: str | None = None):
        return self.post(
            "/karbon/connexion",
            {"username": self.creds["username"], "password": password or self.password},
        )

    def logout(self):
        assert self.post("/karbon/deconnexion").location == "/karbon/connexion"


class OneGov(PortalBrowser):
    portal = "onegov"

    def credentials(self) -> tuple[str, str]:
        return self.creds["username"], self.creds["password"]

    def login(self, *, remember: bool = False, password: str | None = None, **kwargs):
        username, default = self.credentials()
        data = {"username": username, "password": password or default}
        if remember:
            data["remember"] = "y"
        return self.post("/onegov/connexion", data, **kwargs)

    def logout(self):
        return self.post("/onegov/deconnexion")

    def enrol(self, wall) -> str:
        """Log in, activate 2FA from Mon portail, return the secret; the wall clock moves on."""
        assert self.login().status_code == 302
        secret = shown_secret(self.text("/onegov/portail/2fa/configuration"))
        response = self.post("/onegov/portail/2fa/configuration", {"code": code_at(secret, wall)})
        assert response.headers["Location"].endswith("/onegov/portail")
        wall.advance(timedelta(seconds=30))
        return secret

    def reset_link(self) -> str:
        body = self.latest_mail()
        return re.search(r'href="(/onegov/mot-de-passe/nouveau/[0-9a-f]+)"', body).group(1)

    def second_device(self, app) -> OneGov:
        """Another browser of the same trainee (same sandbox), e.g. a phone."""
        client = app.test_client()
        client.set_cookie("bac_a_sable", self.client.get_cookie("bac_a_sable").value)
        return OneGov(client)


class EuLogin(PortalBrowser):
    portal = "eulogin"
    LOGIN = "/eulogin/connexion"
    PASSWORD = "/eulogin/connexion/mot-de-passe"
    SMS = "/eulogin/connexion/sms"
    PHONES = "/eulogin/compte/telephones"
    ADD = "/eulogin/compte/telephones/ajouter"
    CONFIRM = "/eulogin/compte/telephones/confirmer"

    def credentials(self) -> tuple[str, str, str]:
        """The e-mail address, the password and the sandbox phone's number."""
        state = self.state()
        account = state["accounts"]["eulogin"]
        return account["username"], account["password"], state["person"]["mobile"]

    @staticmethod
    def arrive(wall, seconds: int = 10) -> None:
        """SMS take a few seconds of sandbox time to reach the phone."""
        wall.advance(timedelta(seconds=seconds))

    def enter_address(self, service: str | None = "traces"):
        """The first step: the e-mail address, for ``service`` (None: EU Login's own page)."""
        url = f"{self.LOGIN}?service={service}" if service else self.LOGIN
        return self.post(url, {"email": self.creds["username"]})

    def login_password(self, service: str = "traces"):
        _, password, _ = self.credentials()
        self.enter_address(service)
        return self.post(self.PASSWORD, {"password": password, "method": "password"})

    def add_phone(self, wall) -> str:
        """Logged in with a password: add the sandbox phone's number, confirmed by its SMS."""
        _, _, mobile = self.credentials()
        assert self.post(self.ADD, {"phone": mobile}).status_code == 302
        self.arrive(wall)
        assert self.post(self.CONFIRM, {"code": self.latest_sms_code()}).status_code == 302
        return mobile

    def start_sms_login(self, service: str = "traces"):
        _, password, mobile = self.credentials()
        self.enter_address(service)
        return self.post(self.PASSWORD, {"password": password, "method": "sms", "phone": mobile})

    def login_sms(self, wall, service: str = "traces"):
        assert self.start_sms_login(service).status_code == 302
        self.arrive(wall)
        return self.post(self.SMS, {"code": self.latest_sms_code()})


class Cerbere(PortalBrowser):
    """The ministry's account: the BNUM first (its authenticator), then Cerbère and the PIAG."""

    portal = "cerbere"
    LOGIN = "/cerbere/login?service=/piag/connexion"

    def credentials(self) -> dict:
        """The login form's fields, as the BNUM and Cerbère both ask for them."""
        return {"username": self.creds["username"], "password": self.creds["password"]}

    def bnum_login(self):
        return self.post("/bnum/connexion", self.credentials())

    def pending_secret(self) -> str:
        return shown_secret(self.text("/bnum/securite"))

    def activate_bnum(self, wall) -> str:
        """BNUM 2FA active; the clock moved on so that the next code is a fresh one."""
        assert self.bnum_login().status_code == 302
        secret = self.pending_secret()
        response = self.post("/bnum/securite/confirmer", {"code": code_at(secret, wall)})
        assert response.status_code == 302
        wall.advance(timedelta(seconds=30))
        return secret

    def cerbere_login(self, url: str = LOGIN):
        return self.post(url, self.credentials())

    def add_otp_mel(self, secret: str, wall):
        self.post("/cerbere/compte/methodes", {"method": "otp_mel"})
        return self.post("/cerbere/compte/otp-mel", {"code": code_at(secret, wall)})

    def enrolled(self, wall) -> str:
        """BNUM 2FA, then OTP Mél on Cerbère: the state at the end of the first access."""
        secret = self.activate_bnum(wall)
        self.cerbere_login()
        assert self.add_otp_mel(secret, wall).location == "/cerbere/compte"
        wall.advance(timedelta(seconds=30))
        return secret
