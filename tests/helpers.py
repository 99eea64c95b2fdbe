"""Helpers for web tests: forms are posted with their CSRF token, as a browser would."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from datetime import UTC, datetime

from alembic import command
from selectolax.lexbor import LexborHTMLParser
from sqlalchemy import JSON, column, create_engine, event, func, insert, select, table

from simulator.store import Account, PortalSession
from simulator.store.migrate import alembic_config, current

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


# A walkthrough of one step, for the commands that read one (format it with its slug).
ONE_STEP = "slug: {slug}\ntitle: T\nportal: pigp\nguide: pigp.md\nsteps:\n- {{id: a, goto: /pigp/connexion, page: /pigp/connexion, caption: Ouvrez.}}\n"


# Reading pages ------------------------------------------------------------------------------


def body(response) -> str:
    """The page as a trainee reads it (entities such as &#39; decoded)."""
    return html.unescape(response.get_data(as_text=True))


def text(web, url) -> str:
    return body(web.get(url))


class Page:
    """A page read by one real HTML parser (selectolax's Lexbor, as a browser parses it): the
    elements a test asks about, with their attributes, text and ancestors."""

    def __init__(self, markup: str) -> None:
        self.tree = LexborHTMLParser(markup)
        self.elements: list[dict] = [
            {
                "tag": node.tag,
                **{k: (v or "") for k, v in node.attributes.items()},
                "text": node.text(deep=True, separator=" "),
                "parents": [p.tag for p in _ancestors(node)],
            }
            for node in self.tree.root.traverse()
            if node.tag not in ("-text", "-comment", "html")
        ]

    def all(self, tag=None, **attrs) -> list[dict]:
        return [
            e
            for e in self.elements
            if (tag is None or e["tag"] == tag)
            and all(e.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, element_id: str) -> dict | None:
        found = [e for e in self.elements if e.get("id") == element_id]
        assert len(found) <= 1, f"id « {element_id} » used twice"
        return found[0] if found else None

    def text(self, element: dict) -> str:
        return " ".join(element["text"].split())

    def texts(self, selector: str) -> list[str]:
        """The words of every element matching a CSS selector, spaces collapsed."""
        return [" ".join(n.text(separator=" ").split()) for n in self.tree.css(selector)]


def _ancestors(node) -> list:
    found, parent = [], node.parent
    while parent is not None and parent.tag not in ("html", "-undef", None):
        found.insert(0, parent)
        parent = parent.parent
    return found


def page_of(response) -> Page:
    return Page(response.get_data(as_text=True))


def errors_of(response) -> list[str]:
    """The messages shown under fields, as the form macro writes them (without the « Erreur : »
    a screen reader hears first), so a test compares them with the domain's own sentence."""
    tree = page_of(response).tree
    for hidden in tree.css(".field-error .visually-hidden"):
        hidden.decompose()
    return [" ".join(n.text(separator=" ").split()) for n in tree.css(".field-error")]


# The instructor -----------------------------------------------------------------------------

INSTRUCTOR_PASSWORD = "mot-de-passe-formateur"


class Instructor:
    def __init__(self, client):
        self.client = client
        self.token = csrf_from(client.get("/formateur/connexion").get_data(as_text=True))

    def post(self, url, data=None):
        return self.client.post(url, data={**(data or {}), "csrf_token": self.token})

    def login(self, password=INSTRUCTOR_PASSWORD):
        return self.post("/formateur/connexion", {"password": password})

    def create_class(self, size=3, name="Séance du matin"):
        response = self.post("/formateur/", {"name": name, "size": str(size)})
        assert response.status_code == 302
        return response.location

    def passcodes(self, class_url):
        page = Page(self.client.get(class_url + "/fiches").get_data(as_text=True))
        return page.texts('[data-testid="roster-passcode"]')


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


# Rows a test looks at -----------------------------------------------------------------------


def account_row(app, web, portal="cerbere") -> Account:
    sandbox_id = web.state()["id"]
    with app.extensions["sim.db"].sessions() as db:
        account = db.scalars(
            select(Account).where(Account.sandbox_id == sandbox_id, Account.portal == portal)
        ).one()
        account.factors  # noqa: B018 (load before the session closes)
        db.expunge_all()
        return account


def factor_names(app, web) -> set[str]:
    return {f.name for f in account_row(app, web).factors}


def sessions_of(app, web, portal: str) -> list[PortalSession]:
    sandbox_id = web.state()["id"]
    with app.extensions["sim.db"].sessions() as db:
        rows = list(
            db.scalars(
                select(PortalSession).where(
                    PortalSession.sandbox_id == sandbox_id, PortalSession.portal == portal
                )
            )
        )
        db.expunge_all()
        return rows


# Migration 0006 there and back (SQLite here, PostgreSQL in tests/web/test_postgres.py) --------

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)
OLD_SETTINGS = {
    "a" * 32: {
        "guided": "karbon-configuration",
        "guided_index": 3,
        "karbon_exiger_2fa": False,
        "onegov_policy": "required",
        "seen": ["pigp_help"],
        "qr_shown": [{"uri": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}],
    },
    "b" * 32: {"seen": ["onegov_portal_forbidden"], "x": 1},
    "c" * 32: {},
}
ACCOUNTS = table(
    "accounts",
    *(
        column(name)
        for name in (
            "sandbox_id",
            "portal",
            "username",
            "password_hash",
            "password_changed",
            "email",
            "display_name",
            "created_at",
        )
    ),
    column("state", JSON),
)


def _migrate(engine, revision: str, *, down: bool = False) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def check_round_trip(url: str) -> None:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":  # as the application connects (store.db)
        event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA foreign_keys=ON"))
    _migrate(engine, "0005")
    sandboxes = table(
        "sandboxes",
        column("id"),
        column("seed"),
        column("created_at"),
        column("clock_offset_seconds"),
        column("faults", JSON),
        column("settings", JSON),
        column("rng_counter"),
    )
    with engine.begin() as connection:
        connection.execute(
            insert(sandboxes),
            [
                {
                    "id": key,
                    "seed": 7,
                    "created_at": NOW.replace(tzinfo=None),
                    "clock_offset_seconds": 0,
                    "faults": {},
                    "settings": settings,
                    "rng_counter": 0,
                }
                for key, settings in OLD_SETTINGS.items()
            ],
        )
        connection.execute(
            insert(ACCOUNTS),
            [
                {
                    "sandbox_id": key,
                    "portal": "karbon",
                    "username": "jmartin",
                    "password_hash": "h",
                    "password_changed": False,
                    "email": "j@exemple.test",
                    "display_name": "J. Martin",
                    "created_at": NOW.replace(tzinfo=None),
                    "state": {},
                }
                for key in OLD_SETTINGS
            ],
        )
    _migrate(engine, "0006")
    # the table as 0006 left it (the models have moved on since: migration 0012)
    at_0006 = table(
        "sandboxes",
        *(column(name) for name in ("id", "guided_slug", "guided_index")),
        *(column(name) for name in ("karbon_requires_2fa", "onegov_policy")),
        column("settings", JSON),
    )
    with engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(select(at_0006))}
    moved, untouched, empty = (rows[key] for key in OLD_SETTINGS)
    assert (moved.guided_slug, moved.guided_index) == ("karbon-configuration", 3)
    assert not moved.karbon_requires_2fa and moved.onegov_policy == "required"
    assert moved.settings == {
        "seen": ["pigp_help"],
        "qr_shown": OLD_SETTINGS["a" * 32]["qr_shown"],
    }
    for row in (untouched, empty):
        assert (row.guided_slug, row.guided_index) == (None, 0)
        assert row.karbon_requires_2fa and row.onegov_policy is None
    assert untouched.settings == {"seen": ["onegov_portal_forbidden"], "x": 1}
    assert empty.settings == {}
    assert current(engine) == "0006"
    _migrate(engine, "0005", down=True)
    with engine.connect() as connection:
        back = dict(connection.execute(select(sandboxes.c.id, sandboxes.c.settings)).all())
        accounts = connection.execute(select(func.count()).select_from(ACCOUNTS)).scalar()
    assert back == OLD_SETTINGS
    assert accounts == len(OLD_SETTINGS)  # not lost to a cascade when the table is altered
    engine.dispose()
