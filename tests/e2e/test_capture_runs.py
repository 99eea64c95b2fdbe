"""`python -m walkthroughs` as `make screenshots` runs it (its own processes: Playwright's sync
API runs once a process): --force on unchanged screens leaves every committed byte as it was,
and the next run replays nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CAPTURES = Path(__file__).resolve().parents[2] / "docs" / "captures"
SLUG = "onegov-rester-connecte"  # short, and its first PNG's edge pixels vary from run to run


def _captures(tmp_path, *options):
    return subprocess.run(
        [sys.executable, "-m", "walkthroughs", SLUG, "--captures", str(tmp_path), *options],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_force_on_unchanged_screens_keeps_the_bytes_and_the_next_run_skips(tmp_path):
    """From captures made by this machine's Chromium (the committed ones may be another's)."""
    shutil.copytree(CAPTURES / SLUG, tmp_path / SLUG)
    made = _captures(tmp_path, "--force", "-j", "1")
    assert made.returncode == 0, made.stderr
    before = {p.name: p.read_bytes() for p in (tmp_path / SLUG).iterdir()}
    forced = _captures(tmp_path, "--force", "-j", "1")
    assert forced.returncode == 0, forced.stderr
    assert f"ok     {SLUG}" in forced.stdout and "octets conservés" in forced.stdout
    assert {p.name: p.read_bytes() for p in (tmp_path / SLUG).iterdir()} == before
    again = _captures(tmp_path)
    assert again.returncode == 0, again.stderr
    assert "rien à refaire : 1 parcours inchangé(s)" in again.stdout
