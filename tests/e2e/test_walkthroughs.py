"""Every walkthrough runs green in Chromium and still matches the guide's captures.

This is both the browser test of each procedure and the CI check that the screenshots in
the guide are current: `make screenshots` regenerates them when a screen changes on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from walkthroughs import environment
from walkthroughs.compare import compare_dirs
from walkthroughs.model import load_all
from walkthroughs.runner import SimulatorServer, run

CAPTURES = Path(__file__).resolve().parents[2] / "docs" / "captures"
WALKTHROUGHS = load_all()


@pytest.fixture(scope="module")
def walkthrough_server():
    with SimulatorServer() as server:
        yield server


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=[w.slug for w in WALKTHROUGHS])
def test_walkthrough_runs_and_matches_the_guide(walkthrough, browser, walkthrough_server, tmp_path):
    result = run(walkthrough, browser, walkthrough_server.url, tmp_path)
    assert len(result.images) == len(walkthrough.shots())
    differences = compare_dirs(walkthrough.slug, CAPTURES / walkthrough.slug, tmp_path / walkthrough.slug,
                               tmp_path / "diff")
    moved = environment.changes(environment.read(CAPTURES), environment.describe(browser))
    assert not differences, "captures out of date (run `make screenshots`):\n" + "".join(
        f"ATTENTION {m}\n" for m in moved) + "\n".join(
        f"{d.name}: {d.problem}" + (f" (différence : {d.diff})" if d.diff else "") + (f"\n{d.text_diff}" if d.text_diff else "")
        for d in differences
    )
