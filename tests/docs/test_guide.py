"""The guide builds strictly offline, and includes every walkthrough it is said to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from walkthroughs.compare import compare_dirs, compare_images
from walkthroughs.model import WalkthroughError, load, load_all

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
    with pytest.raises(WalkthroughError, match="unknown keys"):
        load(bad)


def _png(path: Path, colour, box=None):
    image = Image.new("RGB", (200, 100), "white")
    if box:
        image.paste(colour, box)
    image.save(path)
    return path


def test_check_accepts_noise_and_flags_a_changed_screen(tmp_path):
    committed, fresh = tmp_path / "committed", tmp_path / "fresh"
    committed.mkdir(), fresh.mkdir()
    _png(committed / "01-a.png", (0, 0, 0))
    _png(fresh / "01-a.png", (0, 0, 0), (0, 0, 2, 2))  # 4 pixels: under the tolerance
    assert compare_images(committed / "01-a.png", fresh / "01-a.png", tmp_path / "d.png") is None
    _png(fresh / "01-a.png", (0, 0, 0), (0, 0, 60, 40))  # a changed block
    problem = compare_images(committed / "01-a.png", fresh / "01-a.png", tmp_path / "d.png")
    assert problem and "changed" in problem
    assert (tmp_path / "d.png").exists()
    (fresh / "etapes.md").write_text("1. Nouveau texte\n")
    (committed / "etapes.md").write_text("1. Ancien texte\n")
    names = {d.name: d.problem for d in compare_dirs("x", committed, fresh, tmp_path / "diff")}
    assert names["x/etapes.md"] == "step text changed"
    assert "x/01-a.png" in names


@pytest.mark.docs
@pytest.mark.browser
def test_a_printable_procedure_sheet_is_a_pdf(tmp_path):
    result = subprocess.run([sys.executable, "-m", "walkthroughs", "--pdf", str(tmp_path), "pigp-premiere-connexion"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "pigp-premiere-connexion.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
