"""The guide builds strictly offline, and includes every walkthrough it is said to."""

from __future__ import annotations

import os
import re
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
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    result = subprocess.run(
        [sys.executable, "-m", "walkthroughs", "--list"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    for walkthrough in load_all():
        assert walkthrough.slug in result.stdout


def test_walkthrough_cli_refuses_an_unknown_slug():
    result = subprocess.run(
        [sys.executable, "-m", "walkthroughs", "--check", "pas-un-parcours"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "pas-un-parcours" in result.stderr


def test_invalid_walkthrough_files_are_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "slug: Pas_Kebab\ntitle: t\nportal: pigp\nguide: pigp.md\nsteps: [{id: a, page: /, caption: c}]\n"
    )
    with pytest.raises(WalkthroughError, match="kebab"):
        load(bad)
    bad.write_text(
        "slug: ok\ntitle: t\nportal: pigp\nguide: pigp.md\nsteps: [{id: a, page: /, caption: c, clik: x}]\n"
    )
    with pytest.raises(WalkthroughError, match="clé inconnue « clik »"):
        load(bad)


# Where the guide leads (issue 14 §7) ---------------------------------------------------------

SHEETS = {
    "pigp": "pigp/connexion",
    "karbon": "karbon/connexion",
    "onegov": "onegov/connexion",
    "piag": "piag/",
    "traces": "traces/",
}
BUTTON = re.compile(r'<a class="md-button" href="([^"]*)">Essayer dans le bac à sable →</a>')
BACK = re.compile(r'<a href="([^"]*)" class="md-header__sandbox"[^>]*>Retour au bac à sable</a>')


def build(tmp_path, **environ) -> Path:
    """The guide as ``mkdocs build`` makes it with these variables (and without the caller's)."""
    site = tmp_path / "site"
    env = {
        k: v for k, v in os.environ.items() if k not in ("SIM_PUBLIC_URL", "SIM_GUIDE_IN_SANDBOX")
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1", **environ},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.docs
def test_a_guide_hosted_apart_leads_to_sim_public_url(tmp_path):
    site = build(tmp_path, SIM_PUBLIC_URL="http://10.0.0.5:5000/")
    for page, path in SHEETS.items():
        assert BUTTON.findall(html(site, page)) == [f"http://10.0.0.5:5000/{path}"], page
    assert BACK.findall(html(site, "")) == ["http://10.0.0.5:5000/"]
    assert (site / ".bac-a-sable").read_text() == "http://10.0.0.5:5000/"


@pytest.mark.docs
def test_the_guide_make_serve_builds_leads_to_the_simulator_that_serves_it(tmp_path):
    """Same origin: the trainer on 127.0.0.1 stays in the sandbox of 127.0.0.1."""
    site = build(tmp_path, SIM_GUIDE_IN_SANDBOX="1", SIM_PUBLIC_URL="http://10.0.0.5:5000")
    for page, path in SHEETS.items():
        assert BUTTON.findall(html(site, page)) == [f"/{path}"], page
        assert BACK.findall(html(site, page)) == ["/"], page
    assert (site / ".bac-a-sable").read_text() == "/"


@pytest.mark.docs
def test_a_guide_built_alone_has_no_dead_sandbox_link(tmp_path):
    site = build(tmp_path)
    for page in (*SHEETS, ""):
        text = html(site, page)
        assert "Essayer dans le bac à sable" not in text and "sandbox:" not in text, page
        assert "Retour au bac à sable" not in text, page
    assert (site / ".bac-a-sable").read_text() == ""


@pytest.mark.docs
def test_the_footer_is_french_and_the_icon_ours(tmp_path):
    site = build(tmp_path)
    home = html(site, "")
    assert "Reproduction pédagogique : ce n'est le site officiel d'aucun portail." in home
    assert "Made with" not in home and "Material for MkDocs" not in home
    assert '<link rel="icon" href="assets/favicon.svg">' in home
    icon = ROOT / "simulator" / "static" / "favicon.svg"
    assert (site / "assets" / "favicon.svg").read_bytes() == icon.read_bytes()


@pytest.mark.docs
def test_the_home_speaks_to_trainees_first():
    """The first section opens the sandbox at the trainer's address; `make` comes last."""
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    first = page.index("## ")
    assert page[first:].startswith("## Ouvrir le bac à sable")
    assert "l'adresse donnée par votre formateur" in page[first : page.index("## ", first + 3)]
    assert page.index("make serve") > page.index("## Sur votre propre poste")
    assert "make test" not in page
    assert "[La fiche PIGP](pigp.md)" in page
