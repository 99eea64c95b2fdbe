"""Record mode, round trip: a support writer records a procedure in Chromium, edits two
captions, downloads the YAML, and the runner replays it green — finding the same pages and
the same elements as the hand-written walkthrough of that procedure."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from simulator.procedures.model import by_slug, parse
from walkthroughs.runner import run

pytestmark = pytest.mark.browser


def credentials(page, portal):
    page.goto("/")
    return page.get_by_test_id(f"username-{portal}").inner_text(), page.get_by_test_id(
        f"password-{portal}"
    ).inner_text()


def start_recording(page, title, portal_name):
    page.goto("/pas-a-pas/")
    page.get_by_role("link", name="Enregistrer une procédure").click()
    page.get_by_label("Titre de la procédure").fill(title)
    page.get_by_label("Portail").select_option(label=portal_name)
    page.get_by_role("button", name="Commencer l'enregistrement").click()
    expect(page.get_by_role("status").filter(has_text="Enregistrement en cours")).to_be_visible()


def open_from_bar(page, context, name):
    """A sandbox tool from the sandbox bar: it opens in its own named tab."""
    with context.expect_page() as opened:
        page.get_by_role("navigation", name="Bac à sable").get_by_role(
            "link", name=re.compile(f"^{name}")
        ).click()
    tab = opened.value
    tab.wait_for_load_state()
    return tab


def finish_and_download(page, tmp_path, captions: dict[int, str]):
    page.get_by_role("button", name="Terminer").click()
    expect(page.get_by_role("heading", name="Relire la procédure enregistrée")).to_be_visible()
    for number, text in captions.items():
        page.get_by_label(f"Légende de l'étape {number}").fill(text)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le parcours seul (YAML)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    return parse(text, saved), text


def clicks(walkthrough):
    return [
        (s.tab, s.target.kind, s.target.name)
        for s in walkthrough.steps
        if s.target and s.does == "click"
    ]


def test_recording_the_pigp_first_login_gives_the_committed_walkthrough(
    page, context, browser, walkthrough_server, tmp_path
):
    username, password = credentials(page, "pigp")
    start_recording(page, "Première connexion au PIGP (enregistrée)", "PIGP")
    expect(page).to_have_url(re.compile(r"/pigp/connexion$"))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/pigp/code$"))

    mailbox = open_from_bar(page, context, "Messagerie")
    mailbox.get_by_role("link", name=re.compile("PIGP - Votre code de connexion")).click()
    body = mailbox.get_by_role("region", name="Contenu du message").inner_text()
    code = re.search(r"\b(\d{6})\b", body).group(1)

    page.bring_to_front()
    page.get_by_label("Code à 6 chiffres").fill(code)
    page.get_by_role("button", name="Valider").click()
    expect(page).to_have_url(re.compile(r"/pigp/accueil$"))

    recorded, text = finish_and_download(
        page,
        tmp_path,
        {
            1: "Ouvrez le PIGP, saisissez votre **identifiant** et votre **mot de passe**, puis cliquez sur **Connexion**.",
            3: "Dans un **deuxième onglet**, ouvrez votre messagerie et le message du PIGP.",
        },
    )
    assert password not in text and username not in text and code not in text
    assert "{accounts.pigp.password}" in text and "{vars.code}" in text
    assert recorded.steps[0].caption.startswith("Ouvrez le PIGP")
    assert recorded.steps[1].target.heading == "Code de connexion"  # read once the page is parsed
    assert recorded.steps[-1].target.heading == "Bienvenue {person.full_name}"

    committed = by_slug(["pigp-premiere-connexion"])[0]
    assert [(s.tab, s.page) for s in recorded.steps] == [(s.tab, s.page) for s in committed.steps]
    assert clicks(recorded) == clicks(committed)
    assert [s.fill for s in recorded.steps] == [s.fill for s in committed.steps]
    reading = next(s for s in recorded.steps if s.remember)
    assert reading.page == r"/messagerie/message/\d+"
    assert reading.remember["code"].target == committed.steps[3].remember["code"].target

    result = run(recorded, browser, walkthrough_server.url, tmp_path / "captures")
    assert len(result.images) == len(recorded.shots()) == len(recorded.steps)
    assert (tmp_path / "captures" / recorded.slug / "etapes.md").read_text().count(
        "![Étape"
    ) == len(recorded.steps)


def test_terminer_clicked_before_the_page_has_loaded_keeps_that_page(page, tmp_path):
    """A writer (or a fast test) who clicks « Terminer » as the last page appears: the page
    had reported nothing yet (it reports once parsed), so the draft ended on the click before
    it, without « La page … s'affiche » (CI: the PIGP welcome page missing from the draft)."""
    username, password = credentials(page, "pigp")
    start_recording(page, "Connexion au PIGP (terminée tôt)", "PIGP")
    held = []
    # the page's last script never arrives: the page is shown, but not yet « loaded »
    page.route("**/static/a11y.js?v=*", lambda route: held.append(route))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("heading", name="Code de connexion").wait_for()
    assert page.evaluate("document.readyState") == "loading"

    recorded, _ = finish_and_download(page, tmp_path, {})
    assert held, "the test did not hold the page's loading"
    assert recorded.steps[-1].page == "/pigp/code"
    assert recorded.steps[-1].target.heading == "Code de connexion"


def test_recording_a_karbon_set_up_with_the_qr_scanned_in_the_authenticator(
    page, context, browser, walkthrough_server, tmp_path
):
    _, password = credentials(page, "karbon")
    start_recording(page, "Configurer Karbon (enregistré)", "Portail client Karbon")
    expect(page).to_have_url(re.compile(r"/karbon/connexion$"))
    page.get_by_role("button", name="Recevoir l'invitation du cabinet").click()
    expect(page.get_by_text("Votre cabinet vous a envoyé une invitation")).to_be_visible()

    mailbox = open_from_bar(page, context, "Messagerie")
    mailbox.get_by_role("link", name=re.compile("vous invite sur son portail client")).click()
    mailbox.get_by_role("link", name="Accepter l'invitation").click()
    mailbox.get_by_label("Choisissez un mot de passe").fill(password)
    mailbox.get_by_label("Confirmez le mot de passe").fill(password)
    mailbox.get_by_role("button", name="Activer mon compte").click()
    expect(mailbox).to_have_url(re.compile(r"/karbon/configuration-2fa$"))

    phone_app = open_from_bar(mailbox, context, "Authentificateur")
    phone_app.get_by_role("button", name="Scanner").click()
    code = phone_app.get_by_test_id("otp-code").get_attribute("data-code")

    mailbox.bring_to_front()
    mailbox.get_by_label("Code à six chiffres").fill(code)
    mailbox.get_by_role("button", name="Vérifier").click()
    mailbox.get_by_label("J'ai enregistré mes codes de récupération en lieu sûr").check()
    mailbox.get_by_role("button", name="Continuer").click()
    expect(mailbox).to_have_url(re.compile(r"/karbon/accueil$"))

    recorded, text = finish_and_download(
        mailbox, tmp_path, {2: "Ouvrez votre messagerie dans un deuxième onglet."}
    )
    assert password not in text and code not in text
    tabs = [s.tab for s in recorded.steps]
    assert tabs[0] == "portail" and "authentificateur" in tabs and tabs[-1] == "messagerie"
    scan = next(s for s in recorded.steps if s.target and s.target.name == "Scanner")
    assert (scan.tab, scan.goto, scan.page) == (
        "authentificateur",
        "/authentificateur/",
        "/authentificateur/",
    )
    reading = next(s for s in recorded.steps if s.remember)
    committed = by_slug(["karbon-configuration"])[0]
    committed_reading = next(s for s in committed.steps if s.remember)
    assert reading.tab == "authentificateur" and reading.remember == committed_reading.remember
    assert clicks(recorded) == clicks(committed)

    result = run(recorded, browser, walkthrough_server.url, tmp_path / "captures")
    assert len(result.images) == len(recorded.shots())


def test_the_new_command_writes_captures_and_prints_the_guide_line(tmp_path):
    """Run as the writer runs it (its own process: Playwright's sync API runs once a process)."""
    import subprocess
    import sys

    from tests.helpers import ONE_STEP

    path = tmp_path / "pigp-ouvrir.yaml"
    path.write_text(ONE_STEP.format(slug="pigp-ouvrir"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "walkthroughs",
            "new",
            str(path),
            "--captures",
            str(tmp_path / "captures"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "captures" / "pigp-ouvrir" / "01-a.png").stat().st_size > 5000
    assert (
        (tmp_path / "captures" / "pigp-ouvrir" / "etapes.md").read_text().startswith("<!-- Généré")
    )
    assert (
        '--8<-- "captures/pigp-ouvrir/etapes.md"' in done.stdout and "docs/pigp.md" in done.stdout
    )
    assert "placez le fichier dans walkthroughs/pigp/" in done.stdout


def test_from_the_home_a_writer_gets_the_pdf_sheet_and_the_zip_without_a_terminal(
    page, context, tmp_path, monkeypatch
):
    """Issue 22's « done when »: home → record the PIGP first login → review → « Faire la
    fiche » → the replay's progress, the captures, the PDF and the zip; then QA's one command."""
    username, password = credentials(page, "pigp")
    page.goto("/")
    page.get_by_role("link", name="Enregistrer une procédure").click()
    page.get_by_label("Titre de la procédure").fill("Première connexion au PIGP (fiche)")
    page.get_by_label("Portail").select_option(label="PIGP")
    page.get_by_role("button", name="Commencer l'enregistrement").click()
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    mailbox = open_from_bar(page, context, "Messagerie")
    mailbox.get_by_role("link", name=re.compile("PIGP - Votre code de connexion")).click()
    body = mailbox.get_by_role("region", name="Contenu du message").inner_text()
    page.bring_to_front()
    page.get_by_label("Code à 6 chiffres").fill(re.search(r"\b(\d{6})\b", body).group(1))
    page.get_by_role("button", name="Valider").click()
    expect(page).to_have_url(re.compile(r"/pigp/accueil$"))
    page.get_by_role("button", name="Terminer").click()
    expect(page.get_by_label("Nom du fichier")).to_have_value("pigp-premiere-connexion-fiche")

    page.get_by_role("button", name="Faire la fiche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fiche de la procédure")
    expect(page.get_by_text("La fiche est prête")).to_be_visible(timeout=150_000)
    steps = page.get_by_test_id("sheet-steps").get_by_role("listitem")
    expect(steps).to_have_count(6)
    for number in range(1, 7):
        picture = page.get_by_role("img", name=f"Capture de l'étape {number}")
        expect(picture).to_be_visible()
        assert picture.evaluate("img => img.naturalWidth") > 200
    assert steps.first.locator("strong").first.inner_text() == "Identifiant"

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Télécharger la fiche PDF").click()
    assert pdf.value.suggested_filename == "pigp-premiere-connexion-fiche.pdf"
    pdf_path = tmp_path / "fiche.pdf"
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF") and pdf_path.stat().st_size > 50_000
    with page.expect_download() as bundle:
        page.get_by_role("link", name="Télécharger le dossier pour le guide (zip)").click()
    zip_path = tmp_path / bundle.value.suggested_filename
    bundle.value.save_as(zip_path)

    import walkthroughs.new as new_command

    root = tmp_path / "walkthroughs"
    monkeypatch.setattr(new_command, "ROOT", root)
    assert new_command.main([str(zip_path), "--captures", str(tmp_path / "captures")]) == 0
    placed = root / "pigp" / "01-premiere-connexion-fiche.yaml"
    assert parse(placed.read_text(), placed).slug == "pigp-premiere-connexion-fiche"
    pictures = sorted((tmp_path / "captures" / "pigp-premiere-connexion-fiche").glob("*.png"))
    assert len(pictures) == 6
    assert (tmp_path / "captures" / "pigp-premiere-connexion-fiche" / "etapes.md").exists()
