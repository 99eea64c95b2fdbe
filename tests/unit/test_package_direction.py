"""Packages import in one direction: ``walkthroughs`` (the runner) → ``simulator``, and inside
the simulator the rules of 2FA (``domain``) know nothing of the web, the database or the
browser. Read from the sources' import statements, so a new import that breaks the
direction fails here before it makes a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported(path: Path) -> set[str]:
    """The absolute names a module imports (relative imports resolved against its package)."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} importe {name}"
        for path in sources(folder)
        for name in sorted(imported(path))
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


def test_the_reader_sees_relative_imports_as_absolute_names():
    package = ROOT / "simulator" / "procedures" / "drafting"
    assert "simulator.domain.registry" in imported(package / "__init__.py")
    assert "simulator.procedures.model.parse" in imported(package / "writer.py")


def test_the_simulator_never_imports_the_runner_or_the_tests():
    assert offenders("simulator", ("walkthroughs", "tests")) == []


@pytest.mark.parametrize("layer", ["simulator/domain", "simulator/procedures"])
def test_plain_python_layers_know_nothing_of_flask_the_database_or_the_browser(layer):
    assert (
        offenders(
            layer,
            (
                "flask",
                "flask_wtf",
                "werkzeug",
                "sqlalchemy",
                "playwright",
                "simulator.web",
                "simulator.store",
                "simulator.services",
            ),
        )
        == []
    )


def test_the_services_do_not_import_the_web_layer_or_a_portal():
    assert (
        offenders("simulator/services", ("simulator.web", "simulator.portals", "simulator.sandbox"))
        == []
    )


def test_no_portal_imports_another():
    keys = [
        p.name for p in (ROOT / "simulator" / "portals").iterdir() if (p / "__init__.py").exists()
    ]
    for key in keys:
        others = tuple(f"simulator.portals.{k}" for k in keys if k != key)
        assert offenders(f"simulator/portals/{key}", others) == [], key
