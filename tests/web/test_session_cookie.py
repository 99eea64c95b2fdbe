"""The sandbox cookie is written only when the session changes.

A tab that polls (the authenticator every 2–5 s, the guided panel every 3 s) must not send the
cookie back: a poll that left before a form's answer and came back after it would put back the
session as it was, and the form's message (« L'authentification à deux facteurs est activée… »)
would be lost — seen as a walkthrough waiting in vain for that message.
"""

from __future__ import annotations

from tests.helpers import open_sandbox


def test_a_poll_does_not_write_the_sandbox_cookie(client):
    open_sandbox(client)
    for path in ("/authentificateur/etat", "/authentificateur/", "/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, (path, response.headers.get("Set-Cookie"))


def test_a_message_still_reaches_the_next_page_once(browser_client):
    browser_client.open_sandbox()
    response = browser_client.post("/horloge/heure-reelle")
    assert (
        response.status_code == 302 and "Set-Cookie" in response.headers
    )  # the message, in the session
    assert "Horloge revenue à l&#39;heure réelle." in browser_client.text("/")
    assert "Horloge revenue à l&#39;heure réelle." not in browser_client.text("/")
