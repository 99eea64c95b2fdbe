"""The sandbox's browser tabs, declared once: a step's ``tab:``, the recorder's tab names, the
bar's links that open them, guided mode's « dans l'onglet … », the drafted captions' words.

The sandbox bar opens each tool in a tab of its own name (``target="messagerie"``); the first
tab, where the portal opens, is « portail ». Record mode names a tab by ``window.name`` (or, for
a tab opened another way, by the tool its page belongs to), and so does guided mode: both
read this list, served to the scripts as JSON in the pages' ``data-`` attributes, never
rewritten in them. The bar's links themselves are written from it too (``base.html`` loops
over :data:`TOOLS`), so a tool named here is a tool the bar opens.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Tab(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    path: str | None  # the tool's pages (None: the portal's, any other path)
    bar_testid: str | None  # the sandbox bar's link that opens it
    of_it: str  # « du portail », « de la messagerie »
    it: str  # « le portail », « la messagerie »
    name: str | None = None  # the bar link's text: « Messagerie »
    endpoint: str | None = None  # the view the bar link opens: « mailbox.folder »
    # The codes it shows, as record mode names where a typed code came from
    # (services/recordings.code_source): a draft reads a code again in this tab. Mail and SMS
    # are messages: the bar counts this tool's unread ones (``bar.unread_mail``).
    codes: Literal["mail", "sms", "totp"] | None = None


TABS: tuple[Tab, ...] = (
    Tab(key="portail", path=None, bar_testid=None, of_it="du portail", it="le portail"),
    Tab(
        key="messagerie",
        path="/messagerie",
        bar_testid="bar-mailbox",
        of_it="de la messagerie",
        it="la messagerie",
        name="Messagerie",
        endpoint="mailbox.folder",
        codes="mail",
    ),
    Tab(
        key="telephone",
        path="/telephone",
        bar_testid="bar-phone",
        of_it="du téléphone",
        it="le téléphone",
        name="Téléphone",
        endpoint="phone.home",
        codes="sms",
    ),
    Tab(
        key="authentificateur",
        path="/authentificateur",
        bar_testid="bar-authenticator",
        of_it="de l'application d'authentification",
        it="l'application d'authentification",
        name="Authentificateur",
        endpoint="authenticator.home",
        codes="totp",
    ),
)
BY_KEY = {t.key: t for t in TABS}
KEYS = tuple(BY_KEY)
DEFAULT = "portail"
PATHS = {t.key: t.path for t in TABS if t.path}  # what the scripts read
TOOLS = tuple(t for t in TABS if t.endpoint)  # the tabs the sandbox bar opens, in its order
OF_IT = {t.key: t.of_it for t in TABS}  # « de la messagerie », by key (record mode's review)
BY_CODES = {t.codes: t for t in TABS if t.codes}  # where a recorded code was shown


def of_path(path: str) -> str:
    """The tab a page belongs to when its tab has no name of its own."""
    for tab in TABS:
        if tab.path and (path == tab.path or path.startswith(tab.path + "/")):
            return tab.key
    return DEFAULT


def where(key: str, opened: bool) -> str:
    """Guided mode's words for a step in another tab."""
    tab = BY_KEY.get(key)
    if tab is None:
        return f"Dans l'onglet « {key} » :"
    if key == DEFAULT:
        return "Revenez à l'onglet du portail :"
    if opened and tab.bar_testid:
        return "Dans un autre onglet, avec le lien entouré de la barre du bac à sable :"
    return f"Revenez à l'onglet {tab.of_it} :"
