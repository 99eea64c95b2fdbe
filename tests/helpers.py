"""Helpers for web tests: forms are posted with their CSRF token, as a browser would."""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_from(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


def open_sandbox(client):
    """Press « Commencer » with a Flask test client; return the home page's response."""
    token = csrf_from(client.get("/").get_data(as_text=True))
    response = client.post("/commencer", data={"csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get("/")


class Browser:
    """A Flask test client that behaves like a trainee's browser (one sandbox, CSRF tokens)."""

    def __init__(self, client) -> None:
        self.client = client
        self._token = None

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def open_sandbox(self):
        """« Commencer » on the home page, as a trainee: the only way a sandbox is created."""
        open_sandbox(self.client)
        self._token = None  # adopting a sandbox starts a new session, with a new CSRF token
        return self

    def token(self) -> str:
        if self._token is None:
            self._token = csrf_from(self.client.get("/").get_data(as_text=True))
        return self._token

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token())
        return self.client.post(url, data=data, **kwargs)

    def text(self, url) -> str:
        response = self.get(url)
        return response.get_data(as_text=True)

    def move_to(self, app) -> None:
        """Go on with the same cookies on another instance of the application (another
        gunicorn worker or host behind a load balancer)."""
        other = app.test_client()
        for cookie in self.client._cookies.values():
            other.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
        self.client = other

    def state(self) -> dict:
        return self.client.get("/_sim/sandbox.json").get_json()

    def latest_mail(self, folder: str | None = None) -> str:
        """Open the newest delivered mail and return its body text."""
        page = self.text("/messagerie/" if folder in (None, "inbox") else f"/messagerie/{folder}")
        ids = re.findall(r"/messagerie/message/(\d+)", page)
        assert ids, f"no mail in {folder or 'inbox'}"
        return self.text(f"/messagerie/message/{ids[0]}").replace(
            "<wbr>", ""
        )  # addresses may wrap at @ and dots

    def latest_code(self, folder: str | None = None) -> str:
        body = self.latest_mail(folder)
        match = re.search(r'data-testid="mail-body"[^>]*>(.*?)</div>', body, re.S)
        code = re.search(r"\b(\d{6})\b", match.group(1))
        assert code, "no six-digit code in the mail"
        return code.group(1)

    def latest_sms_code(self) -> str:
        page = self.text("/telephone/")
        code = re.search(r'data-testid="sms-text">[^<]*?\b(\d{6})\b', page)
        assert code, "no code on the phone"
        return code.group(1)
