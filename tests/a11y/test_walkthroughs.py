"""Every walkthrough, replayed as three kinds of trainee: every shown step audited by axe-core
(WCAG 2.0/2.1/2.2 A and AA), the whole procedure done with the keyboard only (focus visible at
every Tab stop), and every shown step at 320 × 640 CSS px without sideways scrolling (the same
as a 400 % zoom).

A walkthrough that stops half-way still reports what its audit found before it stopped, so a
failure lists every problem of the run, step by step.
"""

from __future__ import annotations

import pytest

from walkthroughs.audit import NARROW, StepAudit, report
from walkthroughs.hands import Keyboard
from walkthroughs.model import load_all
from walkthroughs.runner import Mode, StepFailed, run

WALKTHROUGHS = load_all()
IDS = [w.slug for w in WALKTHROUGHS]


def _replay(walkthrough, browser, server, tmp_path, mode: Mode) -> str:
    """The replay's failure, in French, or ''."""
    try:
        run(walkthrough, browser, server.url, tmp_path, mode=mode)
    except StepFailed as problem:
        return f"le parcours s'arrête : {problem}"
    return ""


def _verdict(walkthrough, audit: StepAudit, stopped: str, what: str) -> str:
    lines = [f"« {walkthrough.title} » ({walkthrough.slug}) {what} :"]
    if stopped:
        lines.append(stopped)
    if audit.findings:
        lines.append(report(audit.findings))
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=IDS)
def test_every_step_passes_axe(walkthrough, browser, walkthrough_server, axe, tmp_path):
    audit = StepAudit(axe=axe)
    stopped = _replay(walkthrough, browser, walkthrough_server, tmp_path, Mode(inspect=audit, screenshots=False))
    assert not stopped and not audit.findings, _verdict(walkthrough, audit, stopped, "ne passe pas l'audit axe")
    assert audit.steps == len(walkthrough.shown_steps())


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=IDS)
def test_procedure_completes_with_the_keyboard_only(walkthrough, browser, walkthrough_server, tmp_path):
    hands = Keyboard()
    stopped = _replay(walkthrough, browser, walkthrough_server, tmp_path, Mode(hands=hands, screenshots=False))
    assert not stopped, f"« {walkthrough.title} » ({walkthrough.slug}) au clavier seul : {stopped}"
    assert hands.stops > 0


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=IDS)
def test_no_step_scrolls_sideways_at_320_px(walkthrough, browser, walkthrough_server, tmp_path):
    audit = StepAudit(reflow=True)
    mode = Mode(inspect=audit, viewport=NARROW, screenshots=False)
    stopped = _replay(walkthrough, browser, walkthrough_server, tmp_path, mode)
    assert not stopped and not audit.findings, _verdict(walkthrough, audit, stopped, "à 320 px de large")
    assert audit.steps == len(walkthrough.shown_steps())
