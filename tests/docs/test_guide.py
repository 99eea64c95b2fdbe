"""The guide builds strictly offline, and includes every walkthrough it is said to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.procedures.model import WalkthroughError, load, load_all

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.docs
def test_mkdocs_strict_build(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "pigp" / "index.html").exists()


@pytest.mark.docs
@pytest.mark.parametrize("walkthrough", load_all(), ids=lambda w: w.slug)
def test_each_walkthrough_is_in_its_guide_page(walkthrough):
    page = (ROOT / "docs" / walkthrough.guide).read_text(encoding="utf-8")
    assert f"captures/{walkthrough.slug}/etapes.md" in page


@pytest.mark.docs
def test_walkthrough_cli_lists_every_walkthrough():
    result = subprocess.run([sys.executable, "-m", "walkthroughs", "--list"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for walkthrough in load_all():
        assert walkthrough.slug in result.stdout


def test_walkthrough_cli_refuses_an_unknown_slug():
    result = subprocess.run([sys.executable, "-m", "walkthroughs", "--check", "pas-un-parcours"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "pas-un-parcours" in result.stderr


def test_invalid_walkthrough_files_are_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("slug: Pas_Kebab\ntitle: t\nportal: pigp\nguide: pigp.md\nsteps: [{id: a, page: /, caption: c}]\n")
    with pytest.raises(WalkthroughError, match="kebab"):
        load(bad)
    bad.write_text("slug: ok\ntitle: t\nportal: pigp\nguide: pigp.md\nsteps: [{id: a, page: /, caption: c, clik: x}]\n")
    with pytest.raises(WalkthroughError, match="clé inconnue « clik »"):
        load(bad)
