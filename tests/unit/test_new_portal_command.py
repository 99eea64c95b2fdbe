"""`python -m simulator nouveau-portail`: refusals in French before any file is written, and
portals that work the day they are written — generated into a copy of this tree, where
their own tests (and, in the browser test, their walkthrough with its captures and axe: the
second factor's enrolment at the first login, then an ordinary login) run green, having
touched at most 8 files outside their package."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", ".git", "__pycache__", "site", "captures"}
FACTORS = {"courriel": "demomel", "sms": "demosms", "application": "demoapp"}


def _copy(target: Path) -> Path:
    shutil.copytree(
        ROOT,
        target,
        ignore=lambda _dir, names: [n for n in names if n in SKIPPED or n.endswith(".egg-info")],
    )
    (target / "docs" / "captures").mkdir()
    shutil.copy(ROOT / "docs" / "captures" / "environnement.json", target / "docs" / "captures")
    return target


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _run(root: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["Impôts", "--facteur", "sms"], "clé refusée « Impôts »"),
        (["pigp", "--facteur", "courriel"], "le portail « pigp » existe déjà"),
        (["x", "--facteur", "sms"], "clé refusée « x »"),
    ],
)
def test_a_refused_portal_writes_nothing(argv, message, capsys):
    before = _files(ROOT / "simulator" / "domain")
    assert main(["nouveau-portail", *argv]) == 2
    assert message in capsys.readouterr().err
    assert _files(ROOT / "simulator" / "domain") == before


def test_an_unknown_factor_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["nouveau-portail", "impots", "--facteur", "pigeon"])
    assert "invalid choice: 'pigeon'" in capsys.readouterr().err


def test_three_new_portals_pass_their_own_tests_touching_six_files_outside(tmp_path):
    tree = _copy(tmp_path / "depot")
    before = _files(tree)
    for factor, key in FACTORS.items():
        assert main(["nouveau-portail", key, "--facteur", factor, "--racine", str(tree)]) == 0
    after = _files(tree)
    touched = {
        path
        for path, digest in after.items()
        if before.get(path) != digest
        and not any(path.startswith(f"simulator/portals/{key}/") for key in FACTORS.values())
    }
    per_portal = {"walkthroughs/{}/01-connexion.yaml", "docs/{}.md", "tests/web/test_{}.py"}
    shared = {"simulator/domain/registry.py", "walkthroughs/schema.json", "mkdocs.yml"}
    expected = shared | {p.format(key) for key in FACTORS.values() for p in per_portal}
    assert touched == expected and len(shared) + len(per_portal) <= 8
    run = _run(
        tree,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *[f"tests/web/test_{key}.py" for key in FACTORS.values()],
        "tests/unit/test_registry.py",
        "tests/unit/test_walkthrough_format.py",
        "tests/web/test_exercises.py",
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    home = _run(
        tree,
        "-c",
        "from simulator.domain.registry import KEYS;"
        "from simulator.services.exercises import BY_KEY;"
        "from simulator.instructor.columns import SHORT_TITLES;"
        "print(KEYS[-3:], SHORT_TITLES['demoapp-connexion'], BY_KEY['demosms-connexion'].portal)",
    )
    assert home.stdout.split("\n")[0] == (
        "('demomel', 'demosms', 'demoapp') ('Demoapp', 'connexion') demosms"
    ), home.stderr


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize(
    "factor, enrolled, signed_in",  # the capture of the enrolment's last step, of the login's
    [
        ("application", "05-activer.png", None),
        ("sms", "04-confirmer-le-numero.png", "08-saisir-le-code.png"),
        ("courriel", "05-confirmer.png", "10-saisir-le-code.png"),
    ],
)
def test_a_new_portal_s_walkthrough_runs_matches_its_captures_and_passes_axe(
    tmp_path, factor, enrolled, signed_in
):
    key = FACTORS[factor]
    tree = _copy(tmp_path / "depot")
    assert main(["nouveau-portail", key, "--facteur", factor, "--racine", str(tree)]) == 0
    made = _run(tree, "-m", "walkthroughs", f"{key}-connexion")
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    captures = tree / "docs" / "captures" / f"{key}-connexion"
    assert all((captures / name).exists() for name in (enrolled, signed_in) if name)
    run = _run(
        tree,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/e2e/test_walkthroughs.py",
        "-k",
        f"{key}-connexion",
    )
    assert run.returncode == 0 and "2 passed" in run.stdout, run.stdout[-3000:]
