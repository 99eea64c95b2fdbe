"""The capture check sees every visible change, on the renderer that drew the captures and on
another: a mutated copy of the simulator must fail it, and say which capture and what kind.

Each case changes one thing a trainee would notice on the PIGP first-login screens (a button
renamed or recoloured, one digit of a sentence, a text or the training banner recoloured, an
element hidden or moved by 10 px) in a copy of the project, runs ``python -m walkthroughs
--check`` there, and expects a failure that names the capture and the kind of change, and a
review report that shows it. Twice: with the copy's captures declared as drawn by this
machine's Chromium (pixels compared at pixelmatch's threshold), and as drawn by another
(a different version in environnement.json: pixels compared with the cross-renderer
tolerance, the words and the layout as always). A check that printed « à jour » here would let
the guide drift after a browser update.

Mutations on different captures share one replay (a replay is what costs), so each renderer
plays three mutated copies, not one per mutation; a capture no mutation touches must pass.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from walkthroughs import environment

ROOT = Path(__file__).resolve().parents[2]
SLUG = "pigp-premiere-connexion"
CODE_PAGE = "simulator/portals/pigp/templates/pigp/code.html"
PIGP_CSS = "simulator/static/portals/pigp.css"  # the CSP refuses style attributes: CSS it is
HOME_PAGE = "simulator/portals/pigp/templates/pigp/home.html"
CAPTURES = [
    "01-identifiants",
    "02-page-du-code",
    "03-ouvrir-la-messagerie",
    "04-lire-le-code",
    "05-saisir-le-code",
    "06-connecte",
]

# name: (copy it is played in, file, pattern, replacement, what the check must name, its kind)
MUTATIONS = {
    "bouton-recolore": (
        "a",
        PIGP_CSS,
        r"button \{ background: #3b4f6b; border-color: #3b4f6b; \}",
        "button { background: #b0413e; border-color: #b0413e; }",
        f"{SLUG}/01-identifiants.png",
        "pixels changés",
    ),
    "chiffre-change": (
        "a",
        CODE_PAGE,
        r"code à 6 chiffres vous a été envoyé",
        "code à 8 chiffres vous a été envoyé",
        f"{SLUG}/02-page-du-code.aria.yml",
        "texte de la page changé",
    ),
    "bandeau-recolore": (
        "a",
        "simulator/static/sandbox.css",
        r"#ffe27a 18px 36px",
        "#7ac4ff 18px 36px",
        f"{SLUG}/03-ouvrir-la-messagerie.png",
        "pixels changés",
    ),
    "element-deplace": (
        "a",
        "simulator/static/sandbox.css",
        r"\.message-body \{ ",
        ".message-body { position: relative; top: 10px; ",
        f"{SLUG}/04-lire-le-code.layout.yml",
        "+10 px en y",
    ),
    "element-cache": (
        "a",
        HOME_PAGE,
        r"<p>Vous êtes connecté",
        "<p hidden>Vous êtes connecté",
        f"{SLUG}/06-connecte.layout.yml",
        "a disparu",
    ),
    "texte-recolore": (
        "b",
        PIGP_CSS,
        r"\Z",
        "\n.pigp-card h1 { color: #b0413e; }\n",
        f"{SLUG}/01-identifiants.png",
        "pixels changés",
    ),
    "bouton-renomme": (
        "c",
        CODE_PAGE,
        r">\s*Valider\s*</button>",
        ">Validez</button>",
        "› saisir-le-code: aucun bouton « Valider »",
        "",
    ),
}
UNTOUCHED = {
    "b": CAPTURES[2:4]
}  # the PIGP headings' colour: not in the mailbox  # captures a copy's mutations leave as they were: they pass
RENDERERS = {"meme-moteur": None, "autre-moteur": "150.0.7871.100"}
# One worker a renderer plays its mutated copies (--dist loadgroup), so the two share the work;
# each worker copies the baseline once (a copy: a replay only after a browser change).
RENDERER_PARAMS = [
    pytest.param(name, marks=pytest.mark.xdist_group(f"capture-mutations-{name}"))
    for name in RENDERERS
]


def _walkthroughs(copy: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "walkthroughs", *arguments],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        timeout=240,
    )


_BASELINE: list[Path] = []


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """The project copied once, its captures remade by this machine's Chromium when another
    renderer drew the committed ones: the mutations must be all that differs. Drawn by this one,
    they are kept as they are (the capture check proves them current, and a replay is what
    costs). Kept for the process: pytest-xdist tears module fixtures down whenever a worker's
    queue runs short (the full run built it twice, 8 s each)."""
    if _BASELINE:
        return _BASELINE[0]
    copy = tmp_path_factory.mktemp("base") / "projet"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("simulator", "walkthroughs"):
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    shutil.copytree(ROOT / "docs" / "captures" / SLUG, copy / "docs" / "captures" / SLUG)
    captures = ROOT / "docs" / "captures"
    if not environment.same_renderer(environment.read(captures), environment.current()):
        made = _walkthroughs(copy, SLUG, "--force", "-j", "1")
        assert made.returncode == 0, made.stdout + made.stderr
    _BASELINE.append(copy)
    return copy


def _declare_drawn_by(copy: Path, chromium: str | None) -> None:
    """environnement.json: this machine's renderer (from the manifest the baseline wrote), or
    the same with another Chromium version — all a renderer change looks like to the check."""
    captures = copy / "docs" / "captures"
    made = yaml.safe_load((captures / SLUG / "manifest.yml").read_text(encoding="utf-8"))
    drawn = {key: made[key] for key in ("chromium", "playwright", "fonts", "text")}
    if chromium:
        assert chromium != drawn["chromium"], "pick a version this machine does not have"
        drawn["chromium"] = chromium
    (captures / "environnement.json").write_text(json.dumps(drawn, indent=2), encoding="utf-8")


def _mutate(root: Path, relative: str, pattern: str, replacement: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text)
    assert count, f"mutation not applicable: {pattern!r} not in {relative} (update this test)"
    path.write_text(changed, encoding="utf-8")


_CHECKS: dict[tuple[str, str], tuple[int, str, str]] = {}


def _checked(baseline: Path, tmp_path_factory, renderer: str, played: str):
    """One --check of the copy with every mutation of ``played``, per renderer (cached)."""
    if (renderer, played) not in _CHECKS:
        copy = tmp_path_factory.mktemp(f"{renderer}-{played}") / "projet"
        shutil.copytree(baseline, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _declare_drawn_by(copy, RENDERERS[renderer])
        for copy_of, relative, pattern, replacement, _, _ in MUTATIONS.values():
            if copy_of == played:
                _mutate(copy, relative, pattern, replacement)
        done = _walkthroughs(copy, "--check", SLUG)
        report = copy / "walkthrough-diff" / "index.html"
        _CHECKS[renderer, played] = (
            done.returncode,
            done.stdout + done.stderr,
            report.read_text(encoding="utf-8") if report.exists() else "",
        )
    return _CHECKS[renderer, played]


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("renderer", RENDERER_PARAMS)
@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_visible_change_fails_the_check_and_is_reported(
    mutation, renderer, baseline, tmp_path_factory
):
    played, _, _, _, named, kind = MUTATIONS[mutation]
    returncode, output, report = _checked(baseline, tmp_path_factory, renderer, played)
    assert returncode == 1, output
    said = "autre moteur" if RENDERERS[renderer] else "même moteur"
    assert said in output.splitlines()[0], output  # the renderers, said first
    if "/" in named:  # the replay went through: the check names the capture and the change
        line = next((x for x in output.splitlines() if f"DIFF {named}:" in x), "")
        assert kind in line, output
        assert named.split("/", 1)[1] in report and "Étape" in report  # with its caption
    else:  # the replay stopped: the check and the review page say where and why
        assert named in output, output
        assert "saisir-le-code" in report and "Validez" in report


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("renderer", RENDERER_PARAMS)
def test_unchanged_screens_pass(renderer, baseline, tmp_path_factory):
    """The control: the captures no mutation of a copy touches are up to date, so the
    failures above are the mutations'."""
    for played, untouched in UNTOUCHED.items():
        _, output, report = _checked(baseline, tmp_path_factory, renderer, played)
        assert "différence(s)" in output, output
        for capture in untouched:
            assert f"{SLUG}/{capture}" not in output, output
            assert capture not in report
