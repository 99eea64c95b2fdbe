"""Every walkthrough, replayed as the trainees the audit stands for: the whole procedure done
with the keyboard only (focus visible at every Tab stop) in a 320 × 640 CSS px window, where no
shown step may scroll sideways (the same as a 400 % zoom). The axe audit of every shown step
runs inside the capture replay (tests/e2e/test_walkthroughs.py).

Keyboard and reflow share one replay (the reader who zooms in and has no mouse; measured: a
replay costs far more than either check), and are two tests so each reports on its own. A
keyboard problem is noted and the mouse does that one action, so one replay lists every
problem; a walkthrough that stops half-way still reports what was found before it stopped.
"""

from __future__ import annotations

import pytest

from simulator.procedures.model import load_all
from walkthroughs.audit import NARROW, StepAudit, report
from walkthroughs.hands import Keyboard
from walkthroughs.runner import Mode, StepFailed, run

WALKTHROUGHS = load_all()
# Under pytest-xdist (--dist loadgroup), a walkthrough's keyboard and reflow tests share a worker,
# hence one replay.
NARROW_PAIRS = [
    pytest.param(w, id=w.slug, marks=pytest.mark.xdist_group(f"etroit-{w.slug}"))
    for w in WALKTHROUGHS
]


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


_NARROW_KEYBOARD: dict[str, tuple[Keyboard, StepAudit, str]] = {}


def _narrow_keyboard_replay(walkthrough, browser, server, tmp_path):
    """One keyboard-only replay at 320 × 640 per walkthrough, for the two tests below."""
    if walkthrough.slug not in _NARROW_KEYBOARD:
        hands, audit = Keyboard(), StepAudit(reflow=True)
        mode = Mode(inspect=audit, hands=hands, viewport=NARROW, screenshots=False)
        stopped = _replay(walkthrough, browser, server, tmp_path, mode)
        _NARROW_KEYBOARD[walkthrough.slug] = (hands, audit, stopped)
    return _NARROW_KEYBOARD[walkthrough.slug]


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", NARROW_PAIRS)
def test_procedure_completes_with_the_keyboard_only(
    walkthrough, browser, walkthrough_server, tmp_path
):
    hands, _, stopped = _narrow_keyboard_replay(walkthrough, browser, walkthrough_server, tmp_path)
    problems = list(dict.fromkeys(hands.problems))
    lines = [f"« {walkthrough.title} » ({walkthrough.slug}) au clavier seul :", *problems]
    assert not stopped and not problems, "\n".join([*lines, stopped])
    assert hands.stops > 0


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", NARROW_PAIRS)
def test_no_step_scrolls_sideways_at_320_px(walkthrough, browser, walkthrough_server, tmp_path):
    _, audit, stopped = _narrow_keyboard_replay(walkthrough, browser, walkthrough_server, tmp_path)
    assert not stopped and not audit.findings, _verdict(
        walkthrough, audit, stopped, "à 320 px de large"
    )
    assert audit.steps == len(walkthrough.shown_steps())
