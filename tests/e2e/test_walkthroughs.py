"""Every walkthrough runs green in Chromium, still matches the guide's captures, and every
step it shows passes axe-core (WCAG 2.0/2.1/2.2 A and AA).

This is both the browser test of each procedure and the CI check that the screenshots in
the guide are current: `make screenshots` regenerates them when a screen changes on purpose.
The axe audit runs inside the same replay, in the state each screenshot shows (measured: a
replay costs several times the audit of its steps), and is its own test so each reports on
its own; under pytest-xdist (--dist loadgroup) both tests of a walkthrough share a worker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.procedures.model import load_all
from walkthroughs import environment
from walkthroughs.audit import StepAudit, report
from walkthroughs.compare import compare_dirs
from walkthroughs.runner import Mode, RunResult, StepFailed, run

CAPTURES = Path(__file__).resolve().parents[2] / "docs" / "captures"
WALKTHROUGHS = load_all()
PAIRS = [
    pytest.param(w, id=w.slug, marks=pytest.mark.xdist_group(f"captures-{w.slug}"))
    for w in WALKTHROUGHS
]


_REPLAYS: dict[str, tuple[RunResult | None, StepAudit, str, Path]] = {}


def _replay(walkthrough, browser, server, axe, tmp_path_factory):
    """One replay a walkthrough, with screenshots and the axe audit, for the two tests below."""
    if walkthrough.slug not in _REPLAYS:
        out = tmp_path_factory.mktemp(walkthrough.slug)
        audit = StepAudit(axe=axe)
        try:
            result, stopped = (
                run(walkthrough, browser, server.url, out, mode=Mode(inspect=audit)),
                "",
            )
        except StepFailed as problem:
            result, stopped = None, f"le parcours s'arrête : {problem}"
        _REPLAYS[walkthrough.slug] = (result, audit, stopped, out)
    return _REPLAYS[walkthrough.slug]


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("walkthrough", PAIRS)
def test_walkthrough_runs_and_matches_the_guide(
    walkthrough, browser, walkthrough_server, axe, tmp_path_factory
):
    result, _, stopped, out = _replay(
        walkthrough, browser, walkthrough_server, axe, tmp_path_factory
    )
    assert not stopped, stopped
    assert len(result.images) == len(walkthrough.shots())
    # Another renderer drew the committed captures (a Chromium update): information, said once
    # by the session's header (tests/conftest.py); the pixels are compared with its tolerance.
    same = environment.same_renderer(environment.read(CAPTURES), environment.describe(browser))
    differences = compare_dirs(
        walkthrough.slug, CAPTURES / walkthrough.slug, out / walkthrough.slug, out / "diff", same
    )
    assert not differences, "captures out of date (run `make screenshots`):\n" + "\n".join(
        f"{d.name}: {d.problem}"
        + (f" (différence : {d.diff})" if d.diff else "")
        + (f"\n{d.text_diff}" if d.text_diff else "")
        for d in differences
    )


@pytest.mark.browser
@pytest.mark.parametrize("walkthrough", PAIRS)
def test_every_step_passes_axe(walkthrough, browser, walkthrough_server, axe, tmp_path_factory):
    _, audit, stopped, _ = _replay(walkthrough, browser, walkthrough_server, axe, tmp_path_factory)
    lines = [
        f"« {walkthrough.title} » ({walkthrough.slug}) ne passe pas l'audit axe :",
        stopped,
        report(audit.findings) if audit.findings else "",
    ]
    assert not stopped and not audit.findings, "\n".join(filter(None, lines))
    assert audit.steps == len(walkthrough.shown_steps())


@pytest.mark.browser
@pytest.mark.docs
def test_a_line_goes_on_from_where_the_walkthrough_before_it_stopped(
    browser, walkthrough_server, tmp_path
):
    """`python -m walkthroughs` plays « pigp-poste-reconnu » in the context « pigp-premiere-
    connexion » leaves (model.lines) instead of replaying that one first: the pictures are
    those of the replay from a new sandbox, the committed ones."""
    from simulator.procedures.model import by_slug
    from walkthroughs.runner import run_line

    line = by_slug(["pigp-premiere-connexion", "pigp-poste-reconnu"])
    ended: list[str] = []
    results = run_line(
        line,
        browser,
        walkthrough_server.url,
        tmp_path,
        done=lambda r: ended.append(r.walkthrough.slug),
    )

    assert ended == [w.slug for w in line]
    assert [len(r.images) for r in results] == [len(w.shots()) for w in line]
    same = environment.same_renderer(environment.read(CAPTURES), environment.describe(browser))
    for walkthrough in line:
        assert not compare_dirs(
            walkthrough.slug,
            CAPTURES / walkthrough.slug,
            tmp_path / walkthrough.slug,
            tmp_path / "diff",
            same,
        ), walkthrough.slug


def test_a_line_is_refused_when_one_does_not_start_from_the_one_before():
    from simulator.procedures.model import by_slug
    from walkthroughs.runner import run_line

    with pytest.raises(ValueError, match="ne part pas de"):
        run_line(by_slug(["pigp-poste-reconnu", "pigp-premiere-connexion"]), None, "", Path("."))
