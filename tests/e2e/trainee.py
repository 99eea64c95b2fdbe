"""A trainee in Chromium, as the Flask tutorial's ``AuthActions`` but for Playwright: the
sandbox's own tools (home, mailbox, phone, authenticator, incidents, wall clock, a second
tab) on :class:`Trainee`, and one small class a portal (:class:`Pigp`, :class:`Karbon`,
:class:`OneGov`, :class:`EuLogin`, :class:`Cerbere`) with its login and the steps its tests
share, bound to one tab. Used through the ``trainee`` fixture of ``tests/e2e/conftest.py``;
``tests/portals.py`` is the same idea for the Flask test client.

Elements are found as a trainee finds them: by role and French accessible name
(``get_by_role("button", name="Connexion")``, ``get_by_label("Identifiant")``), the names
the walkthroughs in ``walkthroughs/*/`` use. Test ids are kept only to *read* a value that
has no accessible name of its own: the home's credentials (``username-<portal>``), a code's
``data-code``, a mail's or an SMS's text. When a screen's label or button changes, the one
method here changes, and a missing or wrong name fails here as the accessibility bug it is.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

SIX_DIGITS = re.compile(r"\b(\d{6})\b")


class Tab:
    """One tab's page, with the three gestures every screen needs."""

    def __init__(self, page: Page):
        self.page = page

    def fill(self, label: str, value: str) -> None:
        self.page.get_by_label(label, exact=True).fill(value)

    def press(self, button: str) -> None:
        self.page.get_by_role("button", name=button, exact=True).click()

    def follow(self, link: str | re.Pattern) -> None:
        exact = None if isinstance(link, re.Pattern) else True
        self.page.get_by_role("link", name=link, exact=exact).click()


class Trainee(Tab):
    """The trainee's browser (one context), its sandbox opened by « Commencer »."""

    @classmethod
    def starting(cls, page: Page) -> Trainee:
        """A trainee in a browser of the test's own (a phone's...): « Commencer » first."""
        page.goto("/")
        page.get_by_role("button", name="Commencer").click()
        page.wait_for_url("**/")
        return cls(page)

    @property
    def context(self):
        return self.page.context

    # The sandbox home ----------------------------------------------------------------------

    def account(self, portal: str) -> tuple[str, str]:
        """The identifier and password the home lists for ``portal``."""
        self.page.goto("/")
        username = self.page.get_by_test_id(f"username-{portal}").inner_text()
        password = self.page.get_by_test_id(f"password-{portal}").inner_text()
        return username, password

    def mobile(self) -> str:
        """The sandbox phone's number as the home shows it (« 06 39 98 12 34 »)."""
        self.page.goto("/")
        return self.page.get_by_test_id("persona-mobile").inner_text()

    def switch_on(self, incident: str) -> None:
        """Tick one incident on the « Incidents » page (by its label) and save."""
        self.page.goto("/incidents/")
        self.page.get_by_label(incident, exact=True).check()
        self.press("Enregistrer")

    def wait(self, seconds: int = 30) -> None:
        """Let sandbox time pass: the frozen wall clock moves, as waiting would move it
        (a code already used is refused until the next 30 s step; an SMS takes a while)."""
        self.page.request.post("/_sim/wall-clock", data={"advance_seconds": seconds})

    def new_tab(self) -> Page:
        return self.context.new_page()

    # The sandbox's mailbox, phone and authenticator, each in a tab of its own ----------------

    def open_mail(self, tab: Page, subject: str, folder: str | None = None) -> Page:
        """Open the newest mail whose subject contains ``subject`` (``folder``: another
        folder's link, e.g. « Courrier indésirable »), in ``tab``."""
        tab.goto("/messagerie/")
        if folder:
            tab.get_by_role("link", name=re.compile(f"^{re.escape(folder)}")).click()
        tab.get_by_role("link", name=re.compile(re.escape(subject))).first.click()
        return tab

    def code_in_mail(self, tab: Page, subject: str, folder: str | None = None) -> str:
        self.open_mail(tab, subject, folder)
        return SIX_DIGITS.search(tab.get_by_test_id("mail-body").inner_text()).group(1)

    def sms_code(self, phone: Page) -> str:
        """The code of the newest SMS on the sandbox phone."""
        phone.goto("/telephone/")
        return SIX_DIGITS.search(phone.get_by_test_id("sms-text").first.inner_text()).group(1)

    def scan_qr(self, app: Page) -> Page:
        """The authenticator scans the QR code another tab shows."""
        app.goto("/authentificateur/")
        app.get_by_role("button", name="Scanner").first.click()
        return app

    def authenticator_code(self, app: Page, entry: int = 0) -> str:
        """What the authenticator shows now for its ``entry``-th account (-1: the last)."""
        app.goto("/authentificateur/")
        return app.get_by_test_id("otp-code").nth(entry).get_attribute("data-code")

    # The portals, each seen from one tab ---------------------------------------------------

    def pigp(self, tab: Page | None = None) -> Pigp:
        return Pigp(tab or self.page)

    def karbon(self, tab: Page | None = None) -> Karbon:
        return Karbon(tab or self.page)

    def onegov(self, tab: Page | None = None) -> OneGov:
        return OneGov(tab or self.page)

    def eulogin(self, tab: Page | None = None) -> EuLogin:
        return EuLogin(tab or self.page)

    def cerbere(self, tab: Page | None = None) -> Cerbere:
        return Cerbere(tab or self.page)


class Pigp(Tab):
    MAIL = "PIGP - Votre code de connexion"

    def log_in(self, username: str, password: str) -> None:
        self.page.goto("/pigp/connexion")
        self.fill("Identifiant", username)
        self.fill("Mot de passe", password)
        self.press("Connexion")

    def enter_code(self, code: str) -> None:
        self.fill("Code à 6 chiffres", code)
        self.press("Valider")


class Karbon(Tab):
    INVITATION = "vous invite sur son portail client"

    def activate(self, password: str, confirm: str | None = None) -> None:
        self.fill("Choisissez un mot de passe", password)
        self.fill("Confirmez le mot de passe", confirm or password)
        self.press("Activer mon compte")

    def enter_code(self, code: str) -> None:
        self.fill("Code à six chiffres", code)
        self.press("Vérifier")

    def save_codes(self) -> None:
        self.page.get_by_label("J'ai enregistré mes codes de récupération en lieu sûr").check()
        self.press("Continuer")

    def log_in(self, username: str, password: str) -> None:
        self.page.goto("/karbon/connexion")
        self.fill("Nom d'utilisateur (adresse e-mail)", username)
        self.fill("Mot de passe", password)
        self.press("Se connecter")

    def use_recovery_code(self, code: str) -> None:
        self.follow("Utiliser un code de récupération")
        self.enter_recovery_code(code)

    def enter_recovery_code(self, code: str) -> None:
        self.fill("Code de récupération", code)
        self.press("Vérifier")

    def log_out(self) -> None:
        self.press("Se déconnecter")


class OneGov(Tab):
    def log_in(self, username: str, password: str, *, remember: bool = False) -> None:
        self.page.goto("/onegov/connexion")
        self.fill("Identifiant", username)
        self.fill("Mot de passe", password)
        if remember:
            self.page.get_by_label("Rester connecté").check()
        self.press("Connexion")

    def open_menu(self) -> None:
        """The user menu is a ``<summary>`` named by its aria-label (it shows initials)."""
        self.page.get_by_label("Menu utilisateur").click()

    def my_portal(self) -> None:
        self.open_menu()
        self.follow("Mon portail")

    def log_out(self) -> None:
        self.open_menu()
        self.press("Déconnexion")

    def enter_code(self, code: str) -> None:
        self.fill("Mot de passe à usage unique", code)
        self.press("Valider")

    def twofa_switch(self):
        """The 2FA switch of « Mon portail » (its name says its state)."""
        return self.page.get_by_role("switch")


class EuLogin(Tab):
    SMS = "Téléphone portable + SMS"

    def enter_address(self, email: str) -> None:
        self.fill("Adresse électronique", email)
        self.press("Suivant")

    def log_in(self, email: str, password: str, phone: str | None = None) -> None:
        """From TRACES NT's home: « Se connecter avec EU Login », then EU Login's two steps."""
        self.page.goto("/traces/")
        self.follow("Se connecter avec EU Login")
        self.enter_address(email)
        self.fill("Mot de passe", password)
        if phone:
            self.page.get_by_role("radio", name=self.SMS, exact=False).check()
            self.fill("Téléphone portable", phone)
        self.press("Connexion")

    def enter_sms_code(self, code: str, button: str = "Connexion") -> None:
        self.fill('Code "challenge" reçu par SMS', code)
        self.press(button)

    def enter_phone(self, number: str) -> None:
        self.fill("Numéro de téléphone portable", number)
        self.press("Ajouter")


class Cerbere(Tab):
    """The BNUM's and Cerbère's login forms ask for the same two fields."""

    def log_in(self, username: str, password: str, button: str = "Connexion") -> None:
        self.fill("Identifiant", username)
        self.fill("Mot de passe", password)
        self.press(button)

    def enter_code(self, code: str, button: str = "Valider") -> None:
        self.fill("Code à 6 chiffres", code)
        self.press(button)


# Journeys several test files start from -------------------------------------------------


def pigp_login_with_code(trainee: Trainee, folder: str | None = None) -> None:
    """The PIGP's first login, the code read in a second tab (``folder``: where it landed)."""
    pigp = trainee.pigp()
    pigp.log_in(*trainee.account("pigp"))
    code = trainee.code_in_mail(trainee.new_tab(), Pigp.MAIL, folder)
    trainee.page.bring_to_front()
    pigp.enter_code(code)
    expect(trainee.page.get_by_test_id("pigp-welcome")).to_be_visible()


KARBON_PASSWORD = "Ardoise-Verger-2026"


def accept_invitation(trainee):
    """The invitation asked for on Karbon, accepted from the mailbox: Karbon opens there."""
    page = trainee.page
    page.goto("/karbon/")
    trainee.press("Recevoir l'invitation du cabinet")
    expect(page.locator(".flash-success")).to_contain_text("invitation")
    mailbox = trainee.open_mail(trainee.new_tab(), Karbon.INVITATION)
    expect(mailbox.get_by_test_id("mail-subject")).to_contain_text(
        "vous invite sur son portail client"
    )
    mailbox.get_by_role("link", name="Accepter l'invitation").click()
    expect(mailbox).to_have_url(re.compile(r"/karbon/activation$"))
    return trainee.karbon(mailbox)


def enrol(trainee) -> tuple:
    """Invitation, password, QR code, first code, codes saved; returns (portal, app tab, codes)."""
    portal = accept_invitation(trainee)
    portal.activate(KARBON_PASSWORD)
    expect(portal.page.get_by_test_id("qr-code")).to_be_visible()
    app = trainee.scan_qr(trainee.new_tab())
    expect(app.get_by_test_id("otp-entry")).to_contain_text("Portail client Karbon (simulation)")
    portal.page.bring_to_front()
    portal.enter_code(trainee.authenticator_code(app, -1))
    expect(portal.page.get_by_test_id("recovery-code")).to_have_count(10)  # then read them
    codes = portal.page.get_by_test_id("recovery-code").all_inner_texts()
    portal.save_codes()
    expect(portal.page.get_by_test_id("welcome")).to_be_visible()
    return portal, app, codes
