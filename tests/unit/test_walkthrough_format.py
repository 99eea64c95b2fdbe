"""The walkthrough format refuses nonsense with a French message naming file, line and step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.procedures.model import SCHEMA_PATH, WalkthroughError, load, parse, schema_text

GOOD = """slug: essai
title: Essai
portal: pigp
guide: pigp.md
steps:
  - id: identifiants
    page: /pigp/connexion
    fill: {Identifiant: x}
    target: {button: Connexion}
    caption: Cliquez.
"""


def _error(text: str) -> str:
    with pytest.raises(WalkthroughError) as caught:
        parse(text, Path("walkthroughs/pigp/99-essai.yaml"))
    return str(caught.value)


def test_a_good_walkthrough_loads():
    walkthrough = parse(GOOD, Path("x.yaml"))
    assert walkthrough.steps[0].target.kind == "button"
    assert walkthrough.steps[0].target.name == "Connexion"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    caption: Cliquez.", "    action: clik\n    caption: Cliquez."),
            "ligne 10, étape identifiants : action inconnue « clik » (click, none)",
        ),
        (("portal: pigp", "portal: pgp"), "ligne 3 : portail inconnu « pgp »"),
        (
            ("    caption: Cliquez.", "    wall_advance: trente\n    caption: Cliquez."),
            "étape identifiants : wall_advance attend un nombre, pas « trente »",
        ),
        (("steps:", "setup: {fautls: {mail_to_spam: true}}\nsteps:"), "clé inconnue « fautls »"),
        (
            ("  - id: identifiants", '  - "une chaîne"\n  - id: identifiants'),
            "étape n° 1 : une étape doit être un dictionnaire",
        ),
        (
            ("    target: {button: Connexion}", "    target: {css: '#login-submit'}"),
            "une cible CSS dit pourquoi (why:)",
        ),
        (
            ("    target: {button: Connexion}", "    target: {button: Connexion, link: Aide}"),
            "une cible nomme exactement un genre",
        ),
        (
            ("    target: {button: Connexion}", "    target: {bouton: Connexion}"),
            "clé inconnue « bouton »",
        ),
        (("    caption: Cliquez.\n", ""), "étape identifiants : une étape montrée a une légende"),
        (("page: /pigp/connexion", "page: /pigp/(connexion"), "page n'est pas une expression"),
        (("    caption: Cliquez.", "    shot: fenetre\n    caption: Cliquez."), "« fenetre »"),
    ],
    ids=[
        "action",
        "portal",
        "wall-advance",
        "setup-key",
        "step-string",
        "css-without-why",
        "two-kinds",
        "unknown-kind",
        "caption",
        "page-regex",
        "shot",
    ],
)
def test_invalid_walkthroughs_are_named_in_french(change, expected):
    old, new = change
    assert old in GOOD
    message = _error(GOOD.replace(old, new, 1))
    assert message.startswith("walkthroughs/pigp/99-essai.yaml, ligne ")
    assert expected in message


def test_a_step_s_picture_is_its_region_unless_it_asks_for_the_whole_window():
    assert parse(GOOD, Path("x.yaml")).steps[0].shot == "region"
    whole = parse(
        GOOD.replace("    caption: Cliquez.", "    shot: page\n    caption: Cliquez."),
        Path("x.yaml"),
    )
    assert whole.steps[0].shot == "page"


def test_a_yaml_syntax_error_names_the_file_and_line():
    message = _error(GOOD.replace("fill: {Identifiant: x}", "fill: {Identifiant: x"))
    assert message.startswith("walkthroughs/pigp/99-essai.yaml, ligne ")
    assert "YAML illisible" in message


def test_a_real_file_error_names_the_file(tmp_path):
    path = tmp_path / "faux.yaml"
    path.write_text(GOOD.replace("portal: pigp", "portal: pgp"), encoding="utf-8")
    with pytest.raises(WalkthroughError, match=r"faux\.yaml, ligne 3"):
        load(path)


def test_the_published_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "walkthroughs/schema.json is stale: python -m walkthroughs --schema"
    )
    document = json.loads(schema_text())
    assert "steps" in document["properties"]
    assert document["additionalProperties"] is False


def test_no_target_names_a_value_of_the_guides_seed():
    """Guided mode follows the same targets in a trainee's own sandbox: a target that spells
    out the walkthrough seed's address or identifier would outline nothing there."""
    from simulator.domain.outbox import mask_address
    from simulator.domain.personas import generate
    from simulator.domain.phones import international
    from simulator.procedures.model import load_all
    from walkthroughs.runner import WALKTHROUGH_SEED

    persona = generate(WALKTHROUGH_SEED)
    seeded = {
        persona.email,
        mask_address(persona.email),
        persona.mobile,
        persona.mobile_national,
        international(persona.mobile),
        persona.full_name,
        *(c.username for c in persona.accounts.values()),
    }
    spelled = [
        f"{w.slug}/{s.id}: {s.target.name}"
        for w in load_all()
        for s in w.steps
        if s.target and any(value in s.target.name for value in seeded)
    ]
    assert not spelled, "use {person.…} or {accounts.…} placeholders:\n" + "\n".join(spelled)
