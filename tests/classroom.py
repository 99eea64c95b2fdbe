"""A trainer and a class's trainees, as the tests drive them (the instructor's login, a class
created, a trainee joining with a passcode)."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event

from tests.helpers import Browser, csrf_from

PASSWORD = "mot-de-passe-formateur"


class Instructor:
    def __init__(self, client):
        self.client = client
        self.token = csrf_from(client.get("/formateur/connexion").get_data(as_text=True))

    def post(self, url, data=None):
        return self.client.post(url, data={**(data or {}), "csrf_token": self.token})

    def login(self, password=PASSWORD):
        return self.post("/formateur/connexion", {"password": password})

    def create_class(self, size=3, name="Séance du matin"):
        response = self.post("/formateur/", {"name": name, "size": str(size)})
        assert response.status_code == 302
        return response.location

    def passcodes(self, class_url):
        return re.findall(
            r'roster-passcode">(\w+)<',
            self.client.get(class_url + "/fiches").get_data(as_text=True),
        )


def join(app, passcode) -> Browser:
    web = Browser(app.test_client())
    token = csrf_from(web.client.get("/rejoindre").get_data(as_text=True))
    response = web.client.post("/rejoindre", data={"passcode": passcode, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return web


@contextmanager
def counted(app):
    """The SQL statements the block sends, whatever the session that sends them."""
    statements: list[str] = []
    engine = app.extensions["sim.db"].engine

    def note(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)
