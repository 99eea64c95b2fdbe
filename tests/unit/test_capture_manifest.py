"""Which change makes `python -m walkthroughs` replay a walkthrough, and what it says (in French);
and the committed bytes of a screen that did not change are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, render_template
from PIL import Image, ImageDraw

from walkthroughs import manifest
from walkthroughs.compare import compare_dirs, place

DRAWN_BY = {
    "chromium": "150.0.7871.100",
    "playwright": "1.65.2",
    "fonts": {"fonts-dejavu-core": "2.37-6"},
}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A tiny project: a walkthrough, its templates and CSS, its Python, its captures."""
    root = tmp_path / "projet"
    files = {
        "yaml": _write(
            root / "walkthroughs/karbon/configuration.yaml", "slug: karbon-configuration\n"
        ),
        "template": _write(root / "simulator/templates/karbon/verify.html", "<p>Code</p>"),
        "css": _write(root / "simulator/static/karbon.css", "p { color: #222 }"),
        "python": _write(root / "simulator/web.py", "ANSWER = 42\n"),
    }
    _write(root / "walkthroughs/runner.py", "\n")
    captures = root / "docs/captures/karbon-configuration"
    files["capture"] = _write(captures / "01-code.aria.yml", '- heading "Code"\n')
    python = manifest.python_digest(root)
    written = manifest.build(
        [files["yaml"]], [files["template"]], [files["css"]], python, DRAWN_BY, captures, root
    )
    manifest.write(captures, written)
    return root, captures, files


def _reasons(project, drawn_by=DRAWN_BY, yaml_files=None):
    root, captures, files = project
    return manifest.reasons(
        manifest.read(captures),
        yaml_files or [files["yaml"]],
        manifest.python_digest(root),
        drawn_by,
        captures,
        root,
    )


def test_nothing_changed_nothing_to_replay(project):
    assert _reasons(project) == []


def test_a_changed_template_is_named(project):
    _, _, files = project
    files["template"].write_text("<p>Code à 6 chiffres</p>", encoding="utf-8")
    said = _reasons(project)
    assert said == ["simulator/templates/karbon/verify.html a changé"]
    assert manifest.summary("karbon-configuration", said) == (
        "karbon-configuration : simulator/templates/karbon/verify.html a changé"
    )


def test_a_changed_walkthrough_a_deleted_stylesheet(project):
    _, _, files = project
    files["yaml"].write_text("slug: karbon-configuration\ntitle: Autre\n", encoding="utf-8")
    files["css"].unlink()
    assert _reasons(project) == [
        "walkthroughs/karbon/configuration.yaml a changé",
        "simulator/static/karbon.css a disparu",
    ]


def test_any_python_change_replays(project):
    _, _, files = project
    files["python"].write_text("ANSWER = 43\n", encoding="utf-8")
    assert _reasons(project) == ["le code Python (simulator/, walkthroughs/) a changé"]


def test_a_new_python_file_replays_too(project):
    root, _, _ = project
    _write(root / "walkthroughs/extra.py", "\n")
    assert _reasons(project) == ["le code Python (simulator/, walkthroughs/) a changé"]


def test_the_browser_and_the_fonts(project):
    newer = {
        **DRAWN_BY,
        "chromium": "151.0.1",
        "playwright": "1.66.0",
        "fonts": {"fonts-dejavu-core": "2.38-1"},
    }
    assert _reasons(project, newer) == [
        "Chromium 150.0.7871.100 → 151.0.1",
        "Playwright 1.65.2 → 1.66.0",
        "police fonts-dejavu-core 2.37-6 → 2.38-1",
    ]


def test_a_capture_edited_or_deleted_by_hand(project):
    _, captures, files = project
    files["capture"].write_text('- heading "Autre"\n', encoding="utf-8")
    assert _reasons(project) == ["01-code.aria.yml a été modifié depuis sa génération"]
    files["capture"].unlink()
    assert _reasons(project) == ["01-code.aria.yml a disparu"]


def test_a_new_start_from(project):
    root, _, files = project
    earlier = _write(root / "walkthroughs/karbon/invitation.yaml", "slug: karbon-invitation\n")
    assert _reasons(project, yaml_files=[earlier, files["yaml"]]) == [
        "walkthroughs/karbon/invitation.yaml fait désormais partie du parcours"
    ]


def test_never_generated(tmp_path):
    assert manifest.reasons(None, [], "", DRAWN_BY, tmp_path) == [
        "pas de manifest.yml : jamais généré par cette version"
    ]


def test_the_manifest_keeps_its_key_order_and_is_not_rewritten_when_equal(project):
    _, captures, _ = project
    path = captures / manifest.FILE_NAME
    keys = [
        line.split(":")[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line[:1].isalpha()
    ]
    assert keys == [
        "walkthroughs",
        "templates",
        "static",
        "python",
        "chromium",
        "playwright",
        "fonts",
        "text",
        "captures",
    ]
    before = path.stat().st_mtime_ns
    manifest.write(captures, manifest.read(captures))
    assert path.stat().st_mtime_ns == before


def test_templates_pulled_in_by_the_rendered_one_count(tmp_path):
    folder = tmp_path / "templates"
    _write(folder / "base.html", "<main>{% block body %}{% endblock %}</main>")
    _write(folder / "_macros.html", "{% macro field(n) %}<input name={{ n }}>{% endmacro %}")
    _write(
        folder / "page.html",
        '{% extends "base.html" %}{% import "_macros.html" as m %}'
        "{% block body %}{{ m.field('code') }}{% endblock %}",
    )
    _write(folder / "unused.html", "")
    app = Flask(__name__, template_folder=str(folder))
    with app.app_context():
        assert "name=code" in render_template("page.html")
    assert [p.name for p in manifest.template_files(app, {"page.html"})] == [
        "_macros.html",
        "base.html",
        "page.html",
    ]


def test_static_paths_become_files(tmp_path):
    _write(tmp_path / "static/site.css", "")
    app = Flask(__name__, static_folder=str(tmp_path / "static"))
    found = manifest.static_files(
        app, {"/static/site.css", "/static/absent.js", "/static/../secret"}
    )
    assert [p.name for p in found] == ["site.css"]


def _screen(path: Path, word: str, compress_level: int = 6) -> Path:
    image = Image.new("RGB", (120, 40), "white")
    ImageDraw.Draw(image).text((8, 12), word, fill=(20, 20, 20))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, compress_level=compress_level)
    return path


def test_a_screen_with_the_same_pixels_keeps_its_committed_bytes(tmp_path):
    committed, fresh = tmp_path / "docs/slug", tmp_path / "tmp/slug"
    kept = _screen(committed / "01-a.png", "Valider", compress_level=9)
    _screen(committed / "02-b.png", "Valider")
    _write(committed / "03-ancienne.aria.yml", "")
    _write(committed / manifest.FILE_NAME, "walkthroughs: {}\n")
    before = kept.read_bytes()
    _screen(fresh / "01-a.png", "Valider", compress_level=1)  # same pixels, other bytes
    _screen(fresh / "02-b.png", "Validez")
    assert before != (fresh / "01-a.png").read_bytes()
    assert place(fresh, committed) == ["02-b.png", "03-ancienne.aria.yml"]
    assert kept.read_bytes() == before
    assert (committed / "02-b.png").read_bytes() == (fresh / "02-b.png").read_bytes()
    assert sorted(p.name for p in committed.iterdir()) == [
        "01-a.png",
        "02-b.png",
        manifest.FILE_NAME,
    ]


def test_the_check_does_not_take_the_manifest_for_a_capture(tmp_path):
    committed, fresh = tmp_path / "docs/slug", tmp_path / "tmp/slug"
    _write(committed / "etapes.md", "1. Ouvrez.\n")
    _write(committed / manifest.FILE_NAME, "walkthroughs: {}\n")
    _write(fresh / "etapes.md", "1. Ouvrez.\n")
    assert compare_dirs("slug", committed, fresh, tmp_path / "diff") == []
