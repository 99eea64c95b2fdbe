"""Drafting a walkthrough from recorded actions: steps cut as the hand-written ones are."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from simulator.procedures import drafting
from simulator.procedures.events import RECORDED

N = iter(range(1, 10**6))


def ev(kind, path, tab="portail", **data):
    return {"kind": kind, "tab": tab, "path": path, "at": float(next(N)), "data": data}


def login_events():
    return [
        ev("page", "/pigp/connexion", heading="Connexion"),
        ev("fill", "/pigp/connexion", label="Identifiant", value="{accounts.pigp.username}"),
        ev("fill", "/pigp/connexion", label="Mot de passe", value="{accounts.pigp.password}"),
        ev("click", "/pigp/connexion", role="button", name="Connexion"),
        ev("page", "/pigp/code", heading="Code de connexion"),
    ]


def test_fills_go_with_the_click_that_submits_them():
    draft = drafting.draft(login_events(), "Première connexion", "pigp")
    first = draft["steps"][0]
    assert first["fill"] == {
        "Identifiant": "{accounts.pigp.username}",
        "Mot de passe": "{accounts.pigp.password}",
    }
    assert first["target"] == {"button": "Connexion"} and first["goto"] == "/pigp/connexion"
    assert (
        first["caption"]
        == "Saisissez votre **Identifiant** et votre **Mot de passe**, puis cliquez sur **Connexion**."
    )
    assert draft["steps"][1]["caption"] == "La page « Code de connexion » s'affiche."
    assert draft["slug"] == "pigp-premiere-connexion" and draft["guide"] == "pigp.md"


def test_a_code_typed_without_its_message_recorded_gets_that_message_opened():
    source = {"kind": "mail", "id": 7, "subject": "PIGP - Votre code de connexion", "length": 6}
    events = [
        *login_events(),
        ev("fill", "/pigp/code", label="Code à 6 chiffres", value="{vars.code}", source=source),
        ev("click", "/pigp/code", role="button", name="Valider"),
    ]
    steps = drafting.draft(events, "T", "pigp")["steps"]
    tabs_pages = [(s["tab"], s["page"]) for s in steps]
    assert ("messagerie", "/messagerie/") in tabs_pages and (
        "messagerie",
        r"/messagerie/message/\d+",
    ) in tabs_pages
    reading = next(s for s in steps if "remember" in s)
    assert reading["remember"]["code"]["target"] == {"region": "Contenu du message"}
    assert steps[-1]["fill"] == {"Code à 6 chiffres": "{vars.code}"}
    assert steps[-1]["caption"].startswith("Revenez à l'onglet du portail.")


def test_a_reload_by_a_button_of_the_same_page_is_no_step():
    events = [
        ev("page", "/karbon/connexion", heading="Connexion au portail client"),
        ev("click", "/karbon/connexion", role="button", name="Recevoir l'invitation du cabinet"),
        ev("page", "/karbon/connexion", heading="Connexion au portail client"),
        ev("page", "/messagerie/", tab="messagerie", heading=""),
    ]
    steps = drafting.draft(events, "T", "karbon")["steps"]
    assert [(s["tab"], s["page"]) for s in steps] == [
        ("portail", "/karbon/connexion"),
        ("messagerie", "/messagerie/"),
    ]
    assert steps[1]["caption"].startswith("Dans un nouvel onglet, ouvrez la messagerie.")


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/messagerie/message/12", r"/messagerie/message/\d+"),
        ("/karbon/configuration-2fa", "/karbon/configuration-2fa"),
        ("/onegov/reinitialiser/Zx81kPq0aB7sT2uVwX9yYz", "/onegov/reinitialiser/[^/]+"),
        ("/a.b/(x)", r"/a\.b/\(x\)"),
    ],
)
def test_page_patterns_keep_words_and_generalise_ids_and_tokens(path, pattern):
    assert drafting.page_pattern(path) == pattern


def test_imperative_labels_read_as_sentences():
    step = {
        "tab": "portail",
        "page": "/karbon/activation",
        "target": {"button": "Activer mon compte"},
        "fill": {
            "Choisissez un mot de passe": "{accounts.karbon.password}",
            "Confirmez le mot de passe": "{accounts.karbon.password}",
        },
    }
    assert drafting.caption(step) == (
        "Choisissez un mot de passe, confirmez le mot de passe, puis cliquez sur"
        " **Activer mon compte**."
    )


def test_captions_never_show_placeholders():
    step = {
        "tab": "portail",
        "page": "/pigp/accueil",
        "action": "none",
        "_heading": "Bienvenue {person.full_name}",
    }
    assert "{" not in drafting.caption(step)


def test_merge_joins_a_view_with_the_action_on_the_same_page():
    view = {
        "id": "a",
        "tab": "portail",
        "page": "/x",
        "action": "none",
        "target": {"heading": "X"},
        "caption": "Voyez.",
    }
    act = {
        "id": "b",
        "tab": "portail",
        "page": "/x",
        "fill": {"Nom": "v"},
        "target": {"button": "OK"},
        "caption": "Cliquez.",
    }
    merged = drafting.merge([view, act], 0)
    assert (
        len(merged) == 1 and merged[0]["target"] == {"button": "OK"} and "action" not in merged[0]
    )
    assert merged[0]["caption"] == "Voyez. Cliquez." and merged[0]["fill"] == {"Nom": "v"}
    with pytest.raises(drafting.DraftError, match="se termine par un clic"):
        drafting.merge([act, view], 0)
    with pytest.raises(drafting.DraftError, match="pas d'étape suivante"):
        drafting.merge([view], 0)


def test_removing_the_step_that_reads_a_code_used_later_is_refused():
    steps = drafting.draft(
        [
            *login_events(),
            ev("page", "/authentificateur/", tab="authentificateur"),
            ev(
                "fill",
                "/pigp/code",
                label="Code",
                value="{vars.code}",
                source={"kind": "totp", "issuer": "PIGP (simulation)", "length": 6},
            ),
            ev("click", "/pigp/code", role="button", name="Valider"),
        ],
        "T",
        "pigp",
    )["steps"]
    reading = next(i for i, s in enumerate(steps) if "remember" in s)
    with pytest.raises(drafting.DraftError, match="utilisé plus"):
        drafting.remove(steps, reading)


def test_removing_a_tabs_first_step_hands_its_goto_to_the_next():
    steps = [
        {"id": "a", "tab": "portail", "goto": "/x", "page": "/x", "caption": "A", "action": "none"},
        {"id": "b", "tab": "portail", "page": "/x", "caption": "B", "target": {"button": "OK"}},
    ]
    assert drafting.remove(steps, 0)[0]["goto"] == "/x"


def test_validation_names_a_code_no_step_reads():
    header = {"slug": "pigp-x", "title": "X", "portal": "pigp", "guide": "pigp.md"}
    steps = [
        {
            "id": "a",
            "tab": "portail",
            "page": "/x",
            "fill": {"Code": "{vars.code}"},
            "caption": "Saisissez.",
        }
    ]
    _, problems = drafting.validate(header, steps)
    assert problems == ["L'étape 1 utilise {vars.code}, qu'aucune étape précédente ne relève."]
    _, problems = drafting.validate({**header, "portal": "impots"}, [{**steps[0], "fill": {}}])
    assert any("portail inconnu « impots »" in p for p in problems)


def test_the_file_names_a_locators_element_before_how_it_matches():
    """Steps come out as ``model.Step`` dumps; the file still reads as the hand-written ones."""
    source = {"kind": "totp", "issuer": "PIGP (simulation)", "length": 6}
    draft = drafting.draft(
        [
            *login_events(),
            ev("page", "/authentificateur/", tab="authentificateur"),
            ev("fill", "/pigp/code", label="Code", value="{vars.code}", source=source),
            ev("click", "/pigp/code", role="button", name="Valider"),
        ],
        "Première connexion",
        "pigp",
    )
    text = drafting.to_yaml(draft, draft["steps"])
    assert (
        "- id: lire-le-code\n  tab: authentificateur\n  goto: /authentificateur/\n"
        "  page: /authentificateur/\n  remember:\n    code:\n      target:\n"
        "        listitem: PIGP (simulation)\n        exact: false\n"
    ) in text
    assert "&id" not in text and text.index("  page: /pigp/code\n") < text.index("Valider**.")


def test_events_are_checked_once_against_their_declared_shape():
    with pytest.raises(ValidationError, match="kind"):
        drafting.draft([ev("scroll", "/pigp/connexion")], "T", "pigp")
    events = RECORDED.validate_python(login_events())
    assert drafting.draft(events, "T", "pigp")["steps"][0]["target"] == {"button": "Connexion"}
