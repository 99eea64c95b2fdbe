"""What a walkthrough's captures were made from, written beside them (docs/captures/<slug>/manifest.yml).

`python -m walkthroughs` skips a walkthrough whose inputs are all unchanged, and says which
one moved when it replays one (« karbon-configuration : …/karbon/verify.html a changé »).
The inputs, each as a SHA-256:

- the walkthrough's YAML, and those of the walkthroughs it starts from (they are replayed);
- every template rendered while it ran, with the templates those extend, include or import
  (read from their source: Flask's signal names only the one rendered);
- every static file the browser fetched while it ran (CSS, scripts, images, fonts);
- the Python of simulator/ and walkthroughs/ as **one** digest. Which Python a screen runs
  cannot be told from outside without tracing every call; one digest errs on the side of
  replaying (any change to a .py file replays everything), never on the side of a stale capture;
- the Chromium and Playwright versions, the font packages and the text flags
  (walkthroughs/environment.py);
- the files it wrote, so a capture edited or deleted by hand is made again.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import yaml
from jinja2 import meta

from . import environment

ROOT = Path(__file__).resolve().parent.parent
FILE_NAME = "manifest.yml"
PYTHON_LAYERS = ("simulator", "walkthroughs")
HEADER = "# Généré par « python -m walkthroughs » : ce dont ces captures ont été faites.\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def python_digest(root: Path = ROOT) -> str:
    """One SHA-256 over every .py file of the layers, by path and content."""
    total = hashlib.sha256()
    for layer in PYTHON_LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            if "__pycache__" not in path.parts:
                total.update(f"{path.relative_to(root).as_posix()}\0{digest(path)}\n".encode())
    return total.hexdigest()


def shown(path: Path, root: Path = ROOT) -> str:
    path = path.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def sources(walkthrough, every: dict) -> list[Path]:
    """The YAML files a replay reads: the walkthrough's and those of its start_from chain."""
    from simulator.procedures.model import chain

    return [w.source for w in [*chain(walkthrough, every), walkthrough]]


def template_files(app, names: set[str]) -> list[Path]:
    """The source files of the templates rendered and of every template they pull in."""
    found: set[Path] = set()
    waiting, seen = list(names), set()
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        filename, referenced = _template_source(app, name)
        if filename:
            found.add(filename)
        waiting += referenced
    return sorted(found)


@functools.cache
def _template_source(app, name: str) -> tuple[Path | None, tuple[str, ...]]:
    env = app.jinja_env
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except Exception:  # a template that does not exist (yet) adds nothing
        return None, ()
    # dynamic names (None) are rendered through the signal when they are rendered on their own
    referenced = tuple(n for n in meta.find_referenced_templates(env.parse(source)) if n)
    return (Path(filename) if filename else None), referenced


def static_files(app, paths: set[str]) -> list[Path]:
    """The files behind the /static/… paths requested (those that exist)."""
    folder = Path(app.static_folder).resolve()
    prefix = f"{app.static_url_path}/"
    found = set()
    for path in paths:
        candidate = (folder / path[len(prefix) :]).resolve()
        if candidate.is_file() and candidate.is_relative_to(folder):
            found.add(candidate)
    return sorted(found)


def _hashes(paths, root: Path) -> dict[str, str]:
    return {shown(p, root): digest(p) for p in sorted(paths, key=lambda p: shown(p, root))}


def build(
    yaml_files: list[Path],
    templates: list[Path],
    static: list[Path],
    python: str,
    drawn_by: dict,
    captures: Path,
    root: Path = ROOT,
) -> dict:
    """The manifest, keys in a fixed order (the file's diff reads well in a review)."""
    return {
        "walkthroughs": _hashes(yaml_files, root),
        "templates": _hashes(templates, root),
        "static": _hashes(static, root),
        "python": python,
        "chromium": drawn_by["chromium"],
        "playwright": drawn_by.get("playwright", ""),
        "fonts": dict(sorted(drawn_by["fonts"].items())),
        "text": list(drawn_by.get("text", [])),
        "captures": {
            p.name: digest(p)
            for p in sorted(captures.iterdir())
            if p.name != FILE_NAME and p.is_file()
        },
    }


def write(captures: Path, manifest: dict) -> Path:
    path = captures / FILE_NAME
    text = HEADER + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=200)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def read(captures: Path) -> dict | None:
    path = captures / FILE_NAME
    try:
        found = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return found if isinstance(found, dict) else None


def reasons(
    manifest: dict | None,
    yaml_files: list[Path],
    python: str,
    drawn_by: dict,
    captures: Path,
    root: Path = ROOT,
) -> list[str]:
    """Why the captures must be made again, in French; empty when every input is unchanged."""
    if manifest is None:
        return [f"pas de {FILE_NAME} : jamais généré par cette version"]
    said = []
    recorded_yaml = manifest.get("walkthroughs") or {}
    current_yaml = {shown(p, root) for p in yaml_files}
    said += [
        f"{name} ne fait plus partie du parcours"
        for name in sorted(set(recorded_yaml) - current_yaml)
    ]
    said += [
        f"{name} fait désormais partie du parcours"
        for name in sorted(current_yaml - set(recorded_yaml))
    ]
    for group in ("walkthroughs", "templates", "static"):
        said += _moved(manifest.get(group) or {}, root)
    if manifest.get("python") != python:
        said.append(
            f"le code Python ({', '.join(f'{layer}/' for layer in PYTHON_LAYERS)}) a changé"
        )
    said += environment.changes(
        {k: manifest[k] for k in ("chromium", "playwright", "fonts", "text") if k in manifest},
        drawn_by,
    )
    written = manifest.get("captures") or {}
    if not written:
        said.append("aucune capture enregistrée dans le manifeste")
    for name, sha in sorted(written.items()):
        if not (captures / name).is_file():
            said.append(f"{name} a disparu")
        elif digest(captures / name) != sha:
            said.append(f"{name} a été modifié depuis sa génération")
    return said


def _moved(recorded: dict[str, str], root: Path) -> list[str]:
    said = []
    for name, sha in sorted(recorded.items()):
        path = root / name
        if not path.is_file():
            said.append(f"{name} a disparu")
        elif digest(path) != sha:
            said.append(f"{name} a changé")
    return said


def summary(slug: str, said: list[str], shown_at_most: int = 3) -> str:
    """« karbon-configuration : …/verify.html a changé ; … (et 4 autres) »."""
    more = f" (et {len(said) - shown_at_most} autre(s))" if len(said) > shown_at_most else ""
    return f"{slug} : {' ; '.join(said[:shown_at_most])}{more}"
