"""Each list once: the portals (domain/registry.py) and the incidents (domain/faults.py) are
declared in one place, and every layer that lists them reads that declaration."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.domain import personas, registry
from simulator.domain.faults import SWITCHES, Faults
from simulator.procedures.drafting import draft
from simulator.procedures.model import PORTAL_ORDER, load_all
from simulator.services.exercises import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]


def test_every_portal_has_its_blueprint_package_and_its_guide_sheet():
    for portal in registry.PORTALS:
        assert (ROOT / "simulator" / "portals" / portal.key / "__init__.py").exists(), portal.key
        assert (ROOT / "docs" / portal.guide_doc).exists(), portal.guide_doc


def test_personas_and_walkthroughs_know_the_registry_s_portals_in_its_order():
    assert personas.PORTALS == registry.KEYS == PORTAL_ORDER
    assert tuple(personas.generate(7).accounts) == registry.KEYS
    assert {w.portal for w in load_all()} <= set(registry.KEYS)


def test_a_portal_s_mail_leaves_from_its_declared_sender():
    assert registry.mail_sender("pigp") == (
        "ne-pas-repondre@dgfip.finances.gouv.fr",
        "PIGP",
    )  # seed 000
    assert registry.mail_sender("bnum")[0].endswith(".test")
    assert all(p.mail_sender.endswith(".test") for p in registry.PORTALS if p.key != "pigp")


def test_a_recorded_draft_points_at_its_portal_s_guide_sheet():
    assert (
        draft([], "Essai", "karbon")["guide"] == registry.BY_KEY["karbon"].guide_doc == "karbon.md"
    )


def test_each_incident_is_declared_once_with_a_french_label():
    assert [s.name for s in SWITCHES] == list(Faults().to_dict())
    assert len({s.label for s in SWITCHES}) == len(SWITCHES)
    assert Faults.from_dict({"phone_lost": True, "removed_switch": True}) == Faults(phone_lost=True)


@pytest.mark.parametrize("exercise", [e for e in CATALOGUE if e.fault], ids=lambda e: e.key)
def test_an_exercise_s_incident_is_a_declared_switch(exercise):
    assert exercise.fault in {s.name for s in SWITCHES}
