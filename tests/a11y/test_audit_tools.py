"""The audit tools catch what they are meant to catch, on small pages made for it: a field
without a name, a page wider than 320 px, a focus nobody can see, a control Tab never reaches."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from walkthroughs.audit import NARROW, Axe, Exemption, load_exemptions, overflow_findings, report
from walkthroughs.browser import CONTEXT_ARGS
from walkthroughs.hands import Keyboard, NotByKeyboard

FORM = """<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>
<h1>Essai</h1><label for="nom">Nom</label> <input id="nom">
<input id="sans-nom"> <button type="button" onclick="this.textContent = 'Envoyé'">Envoyer</button>
</main></body></html>"""


@pytest.fixture
def tab(browser):
    context = browser.new_context(**CONTEXT_ARGS)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_axe_names_the_rule_the_element_and_says_it_in_french(tab, axe):
    tab.set_content(FORM)
    findings = axe.findings(tab, "essai, étape 1")
    assert [(f.rule, f.target) for f in findings] == [("label", "#sans-nom")]
    text = report(findings)
    assert "règle label (critique) : Chaque élément de formulaire doit avoir une étiquette" in text
    assert '<input id="sans-nom">' in text and "essai, étape 1" in text


@pytest.mark.browser
def test_an_exemption_covers_only_its_element_and_page(tab):
    exempt = Exemption(
        rule="label",
        target="#sans-nom",
        page="/ailleurs",
        why="exemple de test : ce champ n'existe que dans ce test",
    )
    tab.set_content(FORM)
    assert Axe(exemptions=[exempt]).findings(tab, "ici")  # another page: still reported
    exempt_here = exempt.model_copy(update={"page": ".*"})
    axe = Axe(exemptions=[exempt_here])
    assert axe.findings(tab, "ici") == [] and axe.used == {exempt_here}


def test_an_exemption_says_why_at_length():
    with pytest.raises(ValidationError):
        Exemption(rule="label", target="#x", why="faux positif")


def test_the_reviewed_exemption_list_loads():
    for entry in load_exemptions():
        assert entry.rule and entry.target and len(entry.why) >= 20


@pytest.mark.browser
def test_reflow_names_what_sticks_out_at_320_px(tab):
    tab.set_viewport_size(NARROW)
    tab.set_content(
        '<body style="margin:0"><p>court</p><div class="large" style="width:600px">x</div></body>'
    )
    [finding] = overflow_findings(tab, "essai")
    assert "600 px de large pour une fenêtre de 320 px" in finding.help
    assert finding.target.startswith("div.large")
    tab.set_content(
        '<body style="margin:0"><p>une adresse.tres.longue@collectivite.test qui se replie</p></body>'
    )
    assert overflow_findings(tab, "essai") == []


@pytest.mark.browser
def test_keyboard_tabs_to_the_field_types_and_presses_the_button(tab):
    tab.set_content(FORM)
    hands = Keyboard()
    hands.fill(tab.get_by_label("Nom"), "Julien")
    hands.press(tab.get_by_role("button", name="Envoyer"), "button")
    assert tab.get_by_label("Nom").input_value() == "Julien"
    assert tab.get_by_role("button").inner_text() == "Envoyé"
    assert hands.stops == 3  # Nom, the unnamed field, Envoyer


@pytest.mark.browser
def test_keyboard_refuses_a_focus_nobody_can_see(tab):
    tab.set_content(
        '<style>button:focus { outline: none }</style><a href="#a">Lien</a> <button>Envoyer</button>'
    )
    with pytest.raises(NotByKeyboard, match="focus clavier est invisible sur <button> « Envoyer »"):
        Keyboard(strict=True).press(tab.get_by_role("button", name="Envoyer"), "button")


@pytest.mark.browser
def test_keyboard_says_when_tab_never_reaches_a_control(tab):
    tab.set_content(
        '<a href="#a">Lien</a> <span onclick="1">Faux bouton</span> <button>Vrai</button>'
    )
    with pytest.raises(NotByKeyboard, match="n'atteint jamais"):
        Keyboard(strict=True).press(tab.get_by_text("Faux bouton"), "text")


@pytest.mark.browser
def test_keyboard_notes_the_problem_and_lets_the_mouse_go_on(tab):
    """So that one replay lists every keyboard problem of a procedure, not only the first."""
    tab.set_content(
        '<a href="#a">Lien</a> <span onclick="this.textContent = \'fait\'">Faux bouton</span>'
    )
    hands = Keyboard()
    hands.press(tab.get_by_text("Faux bouton"), "text")
    assert tab.get_by_text("fait").count() == 1
    [problem] = hands.problems
    assert "n'atteint jamais <span> « Faux bouton »" in problem


@pytest.mark.browser
def test_keyboard_chooses_a_radio_with_the_arrows_as_a_trainee_does(tab):
    """Tab stops once on a group of radios (on the ticked one); the arrows move the choice.
    A replay that tabs to the third radio itself would call the page broken."""
    tab.set_content("""<fieldset><legend>Méthode</legend>
      <input type="radio" name="m" id="a" value="a" checked><label for="a">Application</label>
      <input type="radio" name="m" id="b" value="b"><label for="b">Clé</label>
      <input type="radio" name="m" id="c" value="c"><label for="c">SMS</label></fieldset>
      <button>Suivant</button>""")
    hands = Keyboard(strict=True)
    hands.check(tab.get_by_label("SMS"))
    assert tab.get_by_label("SMS").is_checked()
    assert tab.evaluate("document.activeElement.id") == "c"
    assert hands.problems == []
