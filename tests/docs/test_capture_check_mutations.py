"""The capture check sees every changed word: a mutated copy of the simulator must fail it.

Each case changes one thing a trainee would notice on the PIGP first-login screens (a button
renamed, one digit of a sentence, a colour, a line of help removed) in a copy of the project,
runs ``python -m walkthroughs --check`` there, and expects a failure that names the step and a
review report that shows it. A check that printed « à jour » here would let the guide drift.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLUG = "pigp-premiere-connexion"
CODE_PAGE = "simulator/portals/pigp/templates/pigp/code.html"

MUTATIONS = {
    "bouton-renomme": (
        CODE_PAGE,
        r">\s*Valider\s*</button>",
        ">Validez</button>",
        "› saisir-le-code: aucun bouton « Valider »",
    ),
    "chiffre-change": (
        CODE_PAGE,
        r"code à 6 chiffres vous a été envoyé",
        "code à 8 chiffres vous a été envoyé",
        f"{SLUG}/02-page-du-code",
    ),
    "couleur-changee": (
        "simulator/static/portals/pigp.css",
        r"#3b4f6b",
        "#b0413e",
        f"{SLUG}/01-identifiants.png",
    ),
    "phrase-retiree": (
        CODE_PAGE,
        r"Vérifiez vos courriers indésirables et vos règles de filtrage\.",
        "",
        f"{SLUG}/02-page-du-code",
    ),
}


def _walkthroughs(copy: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "walkthroughs", *arguments],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """The project copied once, its captures remade by this machine's Chromium: the committed
    ones may be another renderer's, and the mutations must be all that differs."""
    copy = tmp_path_factory.mktemp("base") / "projet"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("simulator", "walkthroughs"):
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    shutil.copytree(ROOT / "docs" / "captures" / SLUG, copy / "docs" / "captures" / SLUG)
    made = _walkthroughs(copy, SLUG, "--force", "-j", "1")
    assert made.returncode == 0, made.stdout + made.stderr
    return copy


def _copy_project(baseline: Path, to: Path) -> None:
    shutil.copytree(
        baseline, to, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "walkthrough-diff")
    )


def _mutate(root: Path, relative: str, pattern: str, replacement: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text)
    assert count, f"mutation not applicable: {pattern!r} not in {relative} (update this test)"
    path.write_text(changed, encoding="utf-8")


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("mutation", MUTATIONS, ids=list(MUTATIONS))
def test_a_visible_change_fails_the_check_and_is_reported(mutation, baseline, tmp_path):
    relative, pattern, replacement, named = MUTATIONS[mutation]
    copy = tmp_path / "projet"
    _copy_project(baseline, copy)
    _mutate(copy, relative, pattern, replacement)
    done = _walkthroughs(copy, "--check", SLUG)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert named in output, output
    assert "à jour" not in output.replace("Toutes les captures sont à jour", "")
    report = (copy / "walkthrough-diff" / "index.html").read_text(encoding="utf-8")
    if "/" in named:  # the replay went through: the review page shows the changed capture
        assert named.split("/", 1)[1] in report
        assert "Étape" in report  # with the step's caption, as the guide words it
    else:  # the replay stopped: the review page says where and why
        assert "saisir-le-code" in report and "Validez" in report


def test_the_unmutated_copy_passes(baseline, tmp_path):
    """The control: the copy itself is up to date, so the failures above are the mutations'."""
    copy = tmp_path / "projet"
    _copy_project(baseline, copy)
    done = _walkthroughs(copy, "--check", SLUG)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "à jour" in done.stdout
    assert "0 différence(s)" in (copy / "walkthrough-diff" / "index.html").read_text(
        encoding="utf-8"
    )
