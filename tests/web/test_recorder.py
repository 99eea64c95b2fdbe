"""Record mode through the test client: every route, and every way to get it wrong."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from simulator import create_app
from simulator.procedures.model import parse
from simulator.store.models import Recording, RecordingEvent
from tests.conftest import make_test_config
from tests.helpers import Browser

T = iter(range(1, 10**6))


def event(kind, path, tab="portail", **data):
    return {
        "id": f"e{next(T)}",
        "t": float(next(T)),
        "tab": tab,
        "path": path,
        "kind": kind,
        **data,
    }


def send(web, *events, csrf=True):
    return web.post("/enregistrer/actions", {"evenements": json.dumps(list(events))}, csrf=csrf)


def start(web, title="Première connexion au PIGP", portal="pigp"):
    return web.post("/enregistrer/", {"title": title, "portal": portal})


def rows(app, model):
    with app.extensions["sim.db"].sessions() as db:
        return db.query(model).all()


def pigp_login(web):
    accounts = web.state()["accounts"]["pigp"]
    return send(
        web,
        event("page", "/pigp/connexion", heading="Connexion"),
        event("fill", "/pigp/connexion", label="Identifiant", value=accounts["username"]),
        event(
            "fill", "/pigp/connexion", label="Mot de passe", value=accounts["password"], secret=1
        ),
        event("click", "/pigp/connexion", role="button", name="Connexion"),
        event("page", "/pigp/code", heading="Code de connexion"),
    )


def finish(web):
    return web.post("/enregistrer/terminer", {"evenements": "[]", "retour": "/pigp/code"})


def review_form(web, recording_id, **changes):
    page = web.text(f"/enregistrer/{recording_id}/")
    data = {
        "etapes": re.search(r'name="etapes" value="(\d+)"', page).group(1),
        "titre": re.search(r'id="titre" name="titre" value="([^"]*)"', page).group(1),
        "slug": re.search(r'id="slug" name="slug" value="([^"]*)"', page).group(1),
    }
    for n, caption in re.findall(r'<textarea id="legende-(\d+)"[^>]*>([^<]*)</textarea>', page):
        data[f"legende-{n}"] = caption.replace("&#39;", "'").replace("&amp;", "&")
        data[f"capture-{n}"] = "1"
    data.update(changes)
    return data


@pytest.fixture
def recording(browser_client):
    assert start(browser_client).status_code == 302
    return browser_client


def test_the_guided_page_leads_to_the_recorder(browser_client):
    assert 'href="/enregistrer/"' in browser_client.text("/pas-a-pas/")
    page = browser_client.text("/enregistrer/")
    assert (
        '<label for="title">Titre de la procédure</label>' in page
        and '<label for="portal">Portail</label>' in page
    )


def test_starting_opens_the_portal_with_the_recording_bar_on_every_page(recording):
    for path in ("/pigp/connexion", "/messagerie/", "/authentificateur/", "/"):
        page = recording.text(path)
        assert re.search(
            r'<p role="status" class="recorder-status">.*Enregistrement en cours', page, re.S
        ), path
        assert (
            ">Terminer</button>" in page and ">Annuler</button>" in page and "recorder.js" in page
        )


def test_start_redirects_to_the_portals_login(browser_client):
    response = start(browser_client, portal="karbon")
    assert response.status_code == 302 and response.headers["Location"] == "/karbon/connexion"


@pytest.mark.parametrize(
    ("title", "portal", "message"),
    [
        ("", "pigp", "Donnez un titre à la procédure"),
        ("   ", "pigp", "Donnez un titre à la procédure"),
        ("x" * 121, "pigp", "120 caractères au plus."),
        ("Titre", "impots", "Choisissez un portail de la liste."),
        ("Titre", "", "Choisissez un portail de la liste."),
    ],
)
def test_bad_start_forms_are_refused_in_french(browser_client, app, title, portal, message):
    response = start(browser_client, title, portal)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "data-error-summary" in page and 'aria-invalid="true"' in page
    assert rows(app, Recording) == []


def test_every_recorder_post_needs_its_csrf_token(recording):
    assert (
        recording.post("/enregistrer/", {"title": "T", "portal": "pigp"}, csrf=False).status_code
        == 400
    )
    assert send(recording, event("page", "/pigp/connexion"), csrf=False).status_code == 400
    assert recording.post("/enregistrer/terminer", {}, csrf=False).status_code == 400
    assert recording.post("/enregistrer/annuler", {}, csrf=False).status_code == 400


def test_a_second_recording_waits_for_the_first(recording, app):
    response = start(recording, "Autre")
    assert response.status_code == 302
    assert "déjà en cours" in recording.text(response.headers["Location"])
    assert len(rows(app, Recording)) == 1


def test_actions_without_a_recording_are_refused(browser_client):
    assert send(browser_client, event("page", "/pigp/connexion")).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        json.dumps({"kind": "page"}),
        json.dumps([event("page", "/x")] * 61),
        json.dumps([event("page", "https://phishing.example/login")]),
        json.dumps([event("page", "//phishing.example/")]),
        json.dumps([event("teleport", "/pigp/")]),
        json.dumps([event("page", "/pigp/", tab="Onglet Évil")]),
        json.dumps([{**event("page", "/pigp/"), "t": "demain"}]),
        json.dumps([event("fill", "/pigp/", label="x" * 201, value="v")]),
    ],
)
def test_malformed_actions_get_a_400_and_nothing_is_kept(recording, app, bad):
    assert recording.post("/enregistrer/actions", {"evenements": bad}).status_code == 400
    assert rows(app, RecordingEvent) == []


def test_known_values_become_placeholders_and_no_password_is_stored(recording, app):
    accounts = recording.state()["accounts"]
    assert pigp_login(recording).status_code == 204
    assert (
        send(
            recording,
            event(
                "fill",
                "/pigp/connexion",
                label="Mot de passe",
                value="MonVraiMotDePasse!",
                secret=1,
            ),
            event("fill", "/pigp/connexion", label="Recherche", value="budget 2026"),
        ).status_code
        == 204
    )
    stored = json.dumps([r.data for r in rows(app, RecordingEvent)], ensure_ascii=False)
    assert "{accounts.pigp.username}" in stored and "{accounts.pigp.password}" in stored
    for password in [a["password"] for a in accounts.values()] + ["MonVraiMotDePasse!"]:
        assert password not in stored
    assert "budget 2026" in stored  # an ordinary value is replayed as typed
    notes = [r.data["text"] for r in rows(app, RecordingEvent) if r.kind == "note"]
    assert len(notes) == 1 and "ne correspond à aucun mot de passe" in notes[0]


def test_a_repeated_report_is_kept_once(recording, app):
    twice = event("page", "/pigp/connexion", heading="Connexion")
    send(recording, twice)
    send(recording, twice)
    assert len(rows(app, RecordingEvent)) == 1


def test_a_report_stored_meanwhile_by_another_request_is_kept_once(recording, app, monkeypatch):
    """A page's report comes by beacon and again with « Terminer »: when both requests run at
    once, each looks before the other has stored it (on a busy machine « Terminer » then
    answered 500 and no review page came: test_recorder_browser's flaky « Terminer » test)."""
    from simulator.services import recordings

    shown = event("page", "/pigp/code", heading="Code de connexion")
    pigp_login(recording)
    send(recording, shown)
    monkeypatch.setattr(recordings, "_stored_ids", lambda context, recording: set())
    done = recording.post(
        "/enregistrer/terminer", {"evenements": json.dumps([shown]), "retour": "/pigp/code"}
    )
    assert done.status_code == 302 and "/enregistrer/" in done.headers["Location"]
    assert [r.client_id for r in rows(app, RecordingEvent)].count(shown["id"]) == 1


def test_the_recorders_own_pages_are_not_recorded(recording, app):
    send(
        recording,
        event("page", "/enregistrer/"),
        event("page", "/pas-a-pas/"),
        event("page", "/guide/pigp/"),
    )
    assert rows(app, RecordingEvent) == []


def test_finishing_with_nothing_recorded_says_so_and_keeps_recording(recording, app):
    send(recording, event("page", "/pigp/connexion", heading="Connexion"))
    response = finish(recording)
    assert response.status_code == 302 and response.headers["Location"] == "/pigp/code"
    assert "Rien n&#39;a encore été enregistré" in recording.text("/enregistrer/")
    assert rows(app, Recording)[0].status == "recording"


def test_cancel_forgets_the_recording(recording, app):
    pigp_login(recording)
    response = recording.post("/enregistrer/annuler", {"retour": "/pigp/code"})
    assert response.status_code == 302
    assert "Enregistrement annulé" in recording.get(
        response.headers["Location"], follow_redirects=True
    ).get_data(as_text=True)
    assert rows(app, Recording) == [] and rows(app, RecordingEvent) == []


def test_finish_drafts_the_steps_with_french_captions(recording):
    pigp_login(recording)
    response = finish(recording)
    assert response.status_code == 302 and re.fullmatch(
        r"/enregistrer/\d+/", response.headers["Location"]
    )
    page = recording.text(response.headers["Location"])
    assert "Relire la procédure enregistrée" in page
    # edited as plain text, shown with its bold as the guide shows it
    assert (
        "Saisissez votre Identifiant et votre Mot de passe, puis cliquez sur Connexion.</textarea>"
        in page.replace("&#39;", "'")
    )
    assert (
        "Saisissez votre <strong>Identifiant</strong> et votre <strong>Mot de passe</strong>,"
        " puis cliquez sur <strong>Connexion</strong>." in page.replace("&#39;", "'")
    )
    assert '<label for="legende-1">Légende de l\'étape 1</label>' in page
    assert (
        "ne correspond à aucun mot de passe" not in page and "Enregistrement en cours" not in page
    )


def test_the_review_page_is_styled_and_names_elements_in_french(recording):
    """Once finished, the recording bar (which brought recorder.css) is gone: the review page
    links the style itself, and says « bouton », not the format's « button »."""
    pigp_login(recording)
    page = recording.text(finish(recording).headers["Location"])
    assert "/static/recorder.css?v=" in page
    assert "clique sur bouton « Connexion »" in page.replace("&#39;", "'")
    assert "button «" not in page


def test_a_code_read_in_the_mailbox_becomes_a_remember_on_that_message(recording):
    recording.post(
        "/pigp/connexion",
        {
            "username": recording.state()["accounts"]["pigp"]["username"],
            "password": recording.state()["accounts"]["pigp"]["password"],
        },
    )
    code = recording.latest_code()
    message = re.findall(r"/messagerie/message/(\d+)", recording.text("/messagerie/"))[0]
    pigp_login(recording)
    send(
        recording,
        event("page", "/messagerie/", tab="messagerie"),
        event(
            "click",
            "/messagerie/",
            tab="messagerie",
            role="link",
            name="ne-pas-repondre@dgfip.finances.gouv.fr PIGP - Votre code de connexion 02/03 09:00",
        ),
        event("page", f"/messagerie/message/{message}", tab="messagerie", heading=""),
        event("fill", "/pigp/code", label="Code à 6 chiffres", value=code),
        event("click", "/pigp/code", role="button", name="Valider"),
    )
    location = finish(recording).headers["Location"]
    response = recording.get(location + "parcours.yaml")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert code not in text
    steps = yaml.safe_load(text)["steps"]
    assert steps[2]["target"] == {"link": "PIGP - Votre code de connexion", "exact": False}
    assert steps[3]["remember"]["code"]["target"] == {"region": "Contenu du message"}
    assert steps[4]["fill"] == {"Code à 6 chiffres": "{vars.code}"}
    parse(text, __import__("pathlib").Path("recorded.yaml"))


@pytest.fixture
def reviewed(recording):
    pigp_login(recording)
    location = finish(recording).headers["Location"]
    return recording, int(location.strip("/").split("/")[-1])


def test_captions_screenshots_and_quotes_are_edited_and_downloaded(reviewed):
    web, rid = reviewed
    data = review_form(
        web,
        rid,
        **{
            "legende-1": "Ouvrez le PIGP et connectez-vous.",
            "capture-2": "",
            "citations-1": "Connexion\n\n",
        },
    )
    data.pop("capture-2")
    response = web.post(f"/enregistrer/{rid}/", {**data, "action": "telecharger"})
    assert response.status_code == 200, response.get_data(as_text=True)
    walkthrough = parse(response.get_data(as_text=True), __import__("pathlib").Path("x.yaml"))
    assert walkthrough.steps[0].caption == "Ouvrez le PIGP et connectez-vous."
    assert walkthrough.steps[0].quotes == ("Connexion",)
    assert walkthrough.steps[1].screenshot is False
    assert "Ouvrez le PIGP et connectez-vous." in web.text(f"/enregistrer/{rid}/")


def test_an_empty_caption_keeps_the_download_back_with_a_french_error(reviewed):
    web, rid = reviewed
    response = web.post(
        f"/enregistrer/{rid}/",
        {**review_form(web, rid, **{"legende-2": "  "}), "action": "telecharger"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "L&#39;étape 2 n&#39;a plus de légende" in page and "data-error-summary" in page
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_a_bad_slug_is_refused_by_the_walkthrough_model(reviewed):
    web, rid = reviewed
    response = web.post(
        f"/enregistrer/{rid}/",
        {**review_form(web, rid, slug="Mon Parcours"), "action": "telecharger"},
    )
    assert response.status_code == 400
    assert "kebab-case" in response.get_data(as_text=True)


def test_steps_merge_on_one_page_and_are_removed(reviewed):
    web, rid = reviewed
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fusionner:1"})
    assert response.status_code == 400 and "pas sur la même page" in response.get_data(as_text=True)
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "supprimer:2"})
    assert response.status_code == 302
    assert "Étape 2 supprimée" in web.text(f"/enregistrer/{rid}/")
    assert review_form(web, rid)["etapes"] == "1"
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "supprimer:1"})
    assert response.status_code == 400 and "au moins une étape" in response.get_data(as_text=True)


def test_a_stale_review_form_is_refused_not_misapplied(reviewed):
    web, rid = reviewed
    response = web.post(
        f"/enregistrer/{rid}/", {**review_form(web, rid, etapes="7"), "action": "garder"}
    )
    assert response.status_code == 409 and "rechargez-la" in response.get_data(as_text=True)


@pytest.mark.parametrize("action", ["", "exploser", "fusionner:x", "supprimer:99"])
def test_unknown_review_actions_are_refused(reviewed, action):
    web, rid = reviewed
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": action})
    assert response.status_code == 400


def test_another_sandboxs_recording_is_not_found(reviewed, other_browser):
    _, rid = reviewed
    assert other_browser.get(f"/enregistrer/{rid}/").status_code == 404
    assert other_browser.get(f"/enregistrer/{rid}/parcours.yaml").status_code == 404
    assert (
        other_browser.post(
            f"/enregistrer/{rid}/", {"action": "supprimer:1", "etapes": "2"}
        ).status_code
        == 404
    )
    assert other_browser.get("/enregistrer/99999999/").status_code == 404


def test_saving_in_the_checkout_is_only_for_dev_mode(reviewed):
    web, rid = reviewed
    assert "Enregistrer dans walkthroughs/pigp/" not in web.text(f"/enregistrer/{rid}/")
    assert (
        web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "depot"}).status_code
        == 404
    )


def test_dev_mode_saves_the_walkthrough_under_its_portal(tmp_path):
    folder = tmp_path / "walkthroughs"
    (folder / "pigp").mkdir(parents=True)
    (folder / "pigp" / "05-autre.yaml").write_text(
        "slug: pigp-deja-pris\ntitle: T\nportal: pigp\nguide: pigp.md\nsteps:\n- {id: a, page: /, caption: C}\n"
    )
    app = create_app(make_test_config(tmp_path, SIM_DEV=True, SIM_WALKTHROUGHS_DIR=str(folder)))
    web = Browser(app.test_client()).open_sandbox()
    start(web)
    pigp_login(web)
    rid = int(finish(web).headers["Location"].strip("/").split("/")[-1])
    assert "Enregistrer dans walkthroughs/pigp/" in web.text(f"/enregistrer/{rid}/")
    response = web.post(
        f"/enregistrer/{rid}/", {**review_form(web, rid, slug="pigp-deja-pris"), "action": "depot"}
    )
    assert response.status_code == 409 and "déjà le slug" in response.get_data(as_text=True)
    response = web.post(
        f"/enregistrer/{rid}/",
        {**review_form(web, rid, slug="pigp-premiere-connexion-au-pigp"), "action": "depot"},
    )
    assert response.status_code == 302
    saved = folder / "pigp" / "06-premiere-connexion-au-pigp.yaml"
    assert parse(saved.read_text(), saved).slug == "pigp-premiere-connexion-au-pigp"
    assert (
        "python -m walkthroughs new walkthroughs/pigp/06-premiere-connexion-au-pigp.yaml"
        in web.text(f"/enregistrer/{rid}/")
    )
    app.extensions["sim.db"].dispose()


def test_sim_mode_dev_is_normal_mode_plus_saving(monkeypatch, tmp_path):
    from simulator.config import from_environment

    monkeypatch.setenv("SIM_MODE", "dev")
    monkeypatch.setenv("SIM_SECRET_KEY", "x")
    settings = from_environment(tmp_path)
    assert settings["SIM_MODE"] == "normal" and settings["SIM_DEV"] is True


# The sheet: the recording replayed in the background (services/replays.py) -------------------


class FakeReplay:
    """Stands for the replay process: alive as long as this test runs (its pid is ours)."""

    started: list = []

    def __init__(self, command, **kwargs):
        FakeReplay.started.append(command)
        self.pid = __import__("os").getpid()

    def poll(self):
        return 0


@pytest.fixture
def no_replay(monkeypatch):
    from simulator.services import replays

    FakeReplay.started = []
    monkeypatch.setattr(replays.subprocess, "Popen", FakeReplay)
    monkeypatch.setattr(replays, "browser_missing", lambda: False)
    return FakeReplay


def sheet_dir(app, rid):
    return __import__("pathlib").Path(app.config["SIM_SHEETS_DIR"]) / str(rid)


def test_faire_la_fiche_writes_the_walkthrough_and_starts_its_replay(reviewed, app, no_replay):
    web, rid = reviewed
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/enregistrer/{rid}/fiche/"
    folder = sheet_dir(app, rid)
    assert no_replay.started == [
        [__import__("sys").executable, "-m", "walkthroughs.replay", str(folder)]
    ]
    assert parse((folder / "parcours.yaml").read_text(), folder / "x.yaml").slug == (
        "pigp-premiere-connexion"
    )
    page = web.text(response.headers["Location"]).replace("&#39;", "'")
    assert "Le simulateur rejoue la procédure" in page
    assert page.count("À venir.") == 2 and "data-sheet-state" in page
    assert web.get(f"/enregistrer/{rid}/fiche/etat.json").get_json() == {
        "etat": "attente",
        "faites": 0,
        "total": 2,
        "en_cours": None,
    }


def test_the_sheet_page_shows_each_steps_progress(reviewed, app, no_replay):
    from walkthroughs import replay

    web, rid = reviewed
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    folder = sheet_dir(app, rid)
    state = replay.read_state(folder)
    replay.write_state(folder, {**state, "etat": "en-cours", "faites": 1, "en_cours": 2})
    page = web.text(f"/enregistrer/{rid}/fiche/").replace("&#39;", "'")
    assert "Faite." in page and "En cours…" in page and "À venir." not in page
    assert "Faire la fiche" not in page  # not twice at once


def finished_sheet(app, rid):
    from walkthroughs import replay

    folder = sheet_dir(app, rid)
    captures = folder / "captures" / "pigp-premiere-connexion"
    captures.mkdir(parents=True)
    (captures / "01-connexion.png").write_bytes(b"\x89PNG fake")
    (folder / "fiche.pdf").write_bytes(b"%PDF-1.4 fake")
    (folder / "fiche.zip").write_bytes(b"PK fake")
    state = replay.read_state(folder)
    replay.write_state(folder, {**state, "etat": "fini", "faites": 2, "secondes": 9.2})


def test_a_finished_sheet_shows_its_captures_and_offers_the_pdf_and_the_zip(
    reviewed, app, no_replay
):
    web, rid = reviewed
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    finished_sheet(app, rid)
    page = web.text(f"/enregistrer/{rid}/fiche/").replace("&#39;", "'")
    assert "La fiche est prête (procédure rejouée en 9 s)" in page
    assert f'src="/enregistrer/{rid}/fiche/01-connexion.png" alt="Capture de l\'étape 1"' in page
    assert "<strong>Identifiant</strong>" in page  # the step text, bold as in the guide
    pdf = web.get(f"/enregistrer/{rid}/fiche/fiche.pdf")
    assert pdf.status_code == 200 and pdf.data == b"%PDF-1.4 fake"
    assert "filename=pigp-premiere-connexion.pdf" in pdf.headers["Content-Disposition"]
    bundle = web.get(f"/enregistrer/{rid}/fiche/fiche.zip")
    assert "filename=pigp-premiere-connexion.zip" in bundle.headers["Content-Disposition"]
    assert web.get(f"/enregistrer/{rid}/fiche/01-connexion.png").data == b"\x89PNG fake"
    for name in ("etat.json.png", "..%2Fetat.json", "parcours.yaml", "journal.txt", "99-x.png"):
        assert web.get(f"/enregistrer/{rid}/fiche/{name}").status_code == 404, name


def test_a_sheet_changed_since_says_so(reviewed, app, no_replay):
    web, rid = reviewed
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    finished_sheet(app, rid)
    web.post(
        f"/enregistrer/{rid}/",
        {**review_form(web, rid, **{"legende-1": "Connectez-vous."}), "action": "garder"},
    )
    page = web.text(f"/enregistrer/{rid}/fiche/").replace("&#39;", "'")
    assert "refaites la fiche" in page and "Refaire la fiche" in page


def test_files_of_an_unfinished_sheet_are_not_served(reviewed, app, no_replay):
    web, rid = reviewed
    assert web.get(f"/enregistrer/{rid}/fiche/fiche.pdf").status_code == 404
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    (sheet_dir(app, rid) / "fiche.pdf").write_bytes(b"%PDF half")
    assert web.get(f"/enregistrer/{rid}/fiche/fiche.pdf").status_code == 404


def test_a_failed_or_stopped_replay_says_so_in_french(reviewed, app, no_replay):
    from walkthroughs import replay

    web, rid = reviewed
    assert "Aucune fiche n'a encore été faite" in web.text(f"/enregistrer/{rid}/fiche/").replace(
        "&#39;", "'"
    )
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    folder = sheet_dir(app, rid)
    state = replay.read_state(folder)
    replay.write_state(folder, {**state, "etat": "echec", "message": "pigp › connexion: absent"})
    page = web.text(f"/enregistrer/{rid}/fiche/").replace("&#39;", "'")
    assert "Une étape ne s'est pas passée comme enregistrée" in page
    assert "pigp › connexion: absent" in page and "Refaire la fiche" in page
    replay.write_state(folder, {**state, "etat": "en-cours", "pid": 2**22 + 7})  # no such process
    assert "Le rejeu s'est arrêté avant la fin" in web.text(f"/enregistrer/{rid}/fiche/").replace(
        "&#39;", "'"
    )
    assert web.get(f"/enregistrer/{rid}/fiche/etat.json").get_json()["etat"] == "interrompu"


def test_without_chromium_the_sheet_page_says_what_to_install(reviewed, app, monkeypatch):
    from simulator.services import replays

    monkeypatch.setattr(replays, "chromium_executable", lambda: None)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(sheet_dir(app, "0")))
    monkeypatch.setattr(replays.subprocess, "Popen", None)  # never started
    web, rid = reviewed
    response = web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    page = web.text(response.headers["Location"]).replace("&#39;", "'")
    assert "Ce serveur n'a pas de navigateur pour rejouer la procédure" in page
    assert "<code>make chromium</code>" in page
    assert "apt-get install chromium-headless-shell fonts-liberation fonts-dejavu-core" in page
    assert not sheet_dir(app, rid).exists()


def test_another_sandbox_cannot_see_a_sheet(reviewed, app, other_browser, no_replay):
    web, rid = reviewed
    web.post(f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"})
    finished_sheet(app, rid)
    other_browser.open_sandbox()
    for path in ("", "etat.json", "fiche.pdf", "01-connexion.png"):
        assert other_browser.get(f"/enregistrer/{rid}/fiche/{path}").status_code == 404


def test_the_sheet_needs_the_csrf_token(reviewed, app, no_replay):
    web, rid = reviewed
    response = web.post(
        f"/enregistrer/{rid}/", {**review_form(web, rid), "action": "fiche"}, csrf=False
    )
    assert response.status_code == 400 and no_replay.started == []


def test_the_reports_shape_is_served_as_json_schema(browser_client):
    schema = browser_client.get("/enregistrer/evenements.schema.json").get_json()
    action = schema["$defs"]["Action"]
    assert action["properties"]["kind"]["enum"] == ["page", "fill", "check", "select", "click"]
    assert schema["maxItems"] == 60 and action["properties"]["label"]["maxLength"] == 200
