"""`python -m simulator nouveau-portail CLE --facteur courriel|sms|application`: a sixth
portal that works the day it is written.

Everything of the portal goes into its own folder, ``simulator/portals/<cle>/`` (blueprint,
words, forms, templates on the shared layout and macros, its CSS); outside it, six files:
its registry entry (``domain/registry.py``, with its exercise), its walkthrough and the
schema editors read, its guide page and the guide's menu, its tests. The portal is built
only of the shared steps (``web/``), so the developer changes words and look, not flows.
The files come from ``modele/``: ``string.Template`` fills ``$key``, ``$name``…, which
Jinja's ``{{ }}`` and CSS never use.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from string import Template

MODEL = Path(__file__).resolve().parent / "modele"
FACTORS = {  # --facteur: (how the pages name it, the login history's second factor)
    "courriel": ("code reçu par courriel", "email"),
    "sms": ("code reçu par SMS", "sms"),
    "application": ("code de l'application d'authentification", "totp"),
}
FIRST_LOGIN = {  # the guide page's sentence on the first login: the factor's enrolment
    "courriel": "vous demande de **confirmer votre adresse électronique** avec le code qui y est "
    "envoyé",
    "sms": "vous demande d'**enregistrer votre numéro de téléphone portable**, puis de le "
    "confirmer avec le code reçu par SMS",
    "application": "affiche un **code QR** à scanner avec votre application d'authentification, "
    "puis demande son premier code",
}
TEST_IMPORTS = {  # what the factor's own tests (modele/test_portal-<facteur>.py.tmpl) import
    "courriel": "",
    "sms": "from simulator.domain import phones\n",
    "application": "from simulator.domain import totp\n",
}
COLOURS = ("#2f5d50", "#5b3f7a", "#7a3f3f", "#2f4f7a", "#6b5424")  # white text at AA or better
KEY = re.compile(r"[a-z][a-z0-9]{1,19}")


class ScaffoldError(ValueError):
    """A refusal, in French, before any file is written."""


@dataclass(frozen=True)
class Plan:
    root: Path
    key: str
    factor: str
    name: str

    @property
    def words(self) -> dict[str, str]:
        factor_fr, history = FACTORS[self.factor]
        return {
            "key": self.key,
            "name": self.name,
            "factor": self.factor,
            "factor_fr": factor_fr,
            "history": history,
            "first_login": FIRST_LOGIN[self.factor],
            "mark": self.key[:3].upper(),
            "colour": COLOURS[zlib.crc32(self.key.encode()) % len(COLOURS)],
            "enrol_doc": ", the authenticator's set-up (``EnrolmentStep``)"
            if self.factor == "application"
            else "",
        }

    @property
    def package(self) -> Path:
        return self.root / "simulator" / "portals" / self.key

    def outside(self) -> list[Path]:
        """The six files outside the package: entry, walkthrough, schema, guide, menu, tests."""
        return [
            self.root / "simulator" / "domain" / "registry.py",
            self.root / "walkthroughs" / self.key / "01-connexion.yaml",
            self.root / "walkthroughs" / "schema.json",
            self.root / "docs" / f"{self.key}.md",
            self.root / "mkdocs.yml",
            self.root / "tests" / "web" / f"test_{self.key}.py",
        ]


def plan(root: Path, key: str, factor: str, name: str | None = None) -> Plan:
    if not KEY.fullmatch(key or ""):
        raise ScaffoldError(
            f"clé refusée « {key} » : 2 à 20 lettres minuscules ou chiffres, "
            "en commençant par une lettre (ex. : impots)"
        )
    if factor not in FACTORS:
        raise ScaffoldError(f"facteur inconnu « {factor} » : {', '.join(FACTORS)}")
    registry = (root / "simulator" / "domain" / "registry.py").read_text()
    if f'Portal("{key}"' in registry or (root / "simulator" / "portals" / key).exists():
        raise ScaffoldError(f"le portail « {key} » existe déjà")
    if (root / "docs" / f"{key}.md").exists() or (root / "walkthroughs" / key).exists():
        raise ScaffoldError(f"docs/{key}.md ou walkthroughs/{key}/ existe déjà")
    return Plan(root, key, factor, name or key.capitalize())


def _fill(template: Path, words: dict[str, str]) -> str:
    return Template(template.read_text()).substitute(words)


def write(p: Plan) -> list[Path]:
    """Write the portal; the paths written or changed."""
    words = p.words
    written: list[Path] = []

    def put(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)

    for name in ("__init__.py", "words.py", "forms.py", "views.py"):
        put(p.package / name, _fill(MODEL / f"{name}.tmpl", words))
    for page in ("_layout", "login", "code", "phone", "confirm", "setup", "home"):
        put(
            p.package / "templates" / p.key / f"{page}.html",
            _fill(MODEL / "templates" / f"{page}.html.tmpl", words),
        )
    put(p.package / "static" / f"{p.key}.css", _fill(MODEL / "static" / "style.css.tmpl", words))
    registry, walkthrough, schema, guide, nav, tests = p.outside()
    _add_registry_entry(registry, words)
    written.append(registry)
    put(walkthrough, _fill(MODEL / f"walkthrough-{p.factor}.yaml.tmpl", words))
    put(guide, _fill(MODEL / "guide.md.tmpl", words))
    _add_to_nav(nav, words)
    written.append(nav)
    factor_tests = _fill(MODEL / f"test_portal-{p.factor}.py.tmpl", words)
    test_words = {**words, "factor_imports": TEST_IMPORTS[p.factor], "factor_tests": factor_tests}
    put(tests, _fill(MODEL / "test_portal.py.tmpl", test_words))
    _write_schema(p.root)
    written.append(schema)
    return written


def _add_registry_entry(path: Path, words: dict[str, str]) -> None:
    text = path.read_text()
    end = ")  # fmt: skip"
    if end not in text:
        raise ScaffoldError(f"{path} : fin de PORTALS introuvable (« {end} »)")
    entry = Template(
        '    Portal("$key", "$name", "$factor_fr", "$key.login",\n'
        '           "$name : connexion avec un $factor_fr.", "$key.md",\n'
        '           "ne-pas-repondre@$key.test", "$name", sms_sender="$name",\n'
        '           exercises=(PortalExercise("$key-connexion", "Se connecter à $name",\n'
        '                                     "Connectez-vous à $name avec le $factor_fr.",\n'
        '                                     "connexion", ("login", "$history")),)),\n'
    ).substitute(words)
    path.write_text(text.replace(end, entry + end, 1))


def _add_to_nav(path: Path, words: dict[str, str]) -> None:
    lines = path.read_text().splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "- Fiches procédure:")
    except StopIteration:
        raise ScaffoldError(f"{path} : rubrique « Fiches procédure » introuvable") from None
    end = start + 1
    while end < len(lines) and lines[end].startswith("      - "):
        end += 1
    lines.insert(end, f"      - {words['name']}: {words['key']}.md\n")
    path.write_text("".join(lines))


def _write_schema(root: Path) -> None:
    """The walkthroughs' schema knows the new key: computed by the tree's own code, in a
    process of its own (this one has already read the registry)."""
    subprocess.run(
        [sys.executable, "-m", "walkthroughs", "--schema"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
        capture_output=True,
    )


def next_steps(p: Plan) -> str:
    slug = f"{p.key}-connexion"
    return (
        f"Portail « {p.name} » écrit (second facteur : {p.factor}). Ensuite :\n"
        f"  1. .venv/bin/python -m pytest -q tests/web/test_{p.key}.py\n"
        f"  2. .venv/bin/python -m walkthroughs {slug}   (ses captures, pour le guide)\n"
        f"  3. .venv/bin/python -m pytest -q tests/e2e/test_walkthroughs.py -k {slug}\n"
        f"  4. ses mots : simulator/portals/{p.key}/words.py et templates/{p.key}/ ; "
        f"son allure : static/{p.key}.css (guide : « Ajouter un portail »)"
    )
