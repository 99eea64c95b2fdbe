"""What drew the captures: the Chromium and Playwright versions and the font packages, committed
beside them.

Pixels depend on the rasteriser and the fonts as much as on our templates. When CI's Chromium
moves from 156 to 158, every capture shifts by a shade: that is information, never a failure.
The check says once which renderer drew the captures and which one checks them; on the same
renderer it compares pixels exactly, on another with the tolerance of walkthroughs/compare.py
(the words, the step texts and the layout are compared the same way on both).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

FILE_NAME = "environnement.json"


def fonts() -> dict[str, str]:
    """Installed font packages and their versions (Debian), else the font families seen."""
    if shutil.which("dpkg-query"):
        listed = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "fonts-*"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        found = dict(
            line.split(" ", 1)
            for line in listed.splitlines()
            if " " in line and line.split(" ", 1)[1]
        )
        if found:
            return dict(sorted(found.items()))
    if shutil.which("fc-list"):
        families = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, check=False
        ).stdout
        return {family.split(",")[0]: "" for family in sorted(set(families.splitlines())) if family}
    return {}


def describe(browser) -> dict:
    return {
        "chromium": browser.version,
        "playwright": metadata.version("playwright"),
        "fonts": fonts(),
        "text": _text_rendering(),
    }


def installed_chromium() -> str:
    """This machine's Chromium version (« 156.0.8078.114 »), as Playwright's ``browser.version``
    gives it, without starting Playwright when the system's Chromium answers ``--version``."""
    from .browser import chromium_executable, launch_args

    executable = chromium_executable()
    if executable:
        said = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, check=False, timeout=30
        ).stdout
        found = re.search(r"\d+(?:\.\d+){3}", said)
        if found:
            return found.group(0)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        version = browser.version
        browser.close()
    return version


def current() -> dict:
    """What would draw a capture on this machine now (the browser not launched when avoidable)."""
    return {
        "chromium": installed_chromium(),
        "playwright": metadata.version("playwright"),
        "fonts": fonts(),
        "text": _text_rendering(),
    }


def _text_rendering() -> list[str]:
    """The flags that decide where glyphs fall (walkthroughs/browser.py): other flags, other pixels."""
    from .browser import TEXT_RENDERING  # not at import: it brings the simulator's sheet job

    return list(TEXT_RENDERING)


def same_renderer(committed: dict | None, current: dict) -> bool:
    """Pixels can be compared exactly: the same Chromium, fonts and text flags drew them.
    (Playwright drives the browser; it does not draw.)"""
    return (
        committed is not None
        and str(committed.get("chromium")) == str(current["chromium"])
        and committed.get("fonts", {}) == current["fonts"]
        and committed.get("text", []) == current.get("text", [])
    )


def _named(environment: dict | None) -> str:
    return f"Chromium {environment.get('chromium', '?')}" if environment else "un moteur inconnu"


def sentence(committed: dict | None, current: dict) -> str:
    """Which renderer drew the captures, which one checks them, and what follows, in French."""
    if same_renderer(committed, current):
        return (
            f"Captures dessinées par {_named(committed)}, vérifiées par {_named(current)} : "
            "même moteur, pixels comparés au seuil de pixelmatch."
        )
    moved = changes(committed, current)
    return (
        f"Captures dessinées par {_named(committed)}, vérifiées par {_named(current)} "
        f"({' ; '.join(moved)}) : autre moteur, textes et disposition comparés comme sur le même, "
        "pixels avec la tolérance entre moteurs (docs/captures.md) ; "
        "make screenshots les redessine avec ce moteur."
    )


def read(captures: Path) -> dict | None:
    path = captures / FILE_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write(captures: Path, environment: dict) -> None:
    (captures / FILE_NAME).write_text(
        json.dumps(environment, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def changes(committed: dict | None, current: dict) -> list[str]:
    """« Chromium 156 → 158 », « fonts-dejavu-core 2.37 → 2.38 », in French, first of all."""
    if committed is None:
        return [f"aucun {FILE_NAME} enregistré : régénérez les captures (make screenshots)"]
    said = []
    before, now = str(committed.get("chromium", "?")), str(current["chromium"])
    if before != now:
        said.append(f"Chromium {before} → {now}")
    if "playwright" in committed and committed["playwright"] != current.get("playwright"):
        said.append(f"Playwright {committed['playwright']} → {current.get('playwright')}")
    old_fonts, new_fonts = committed.get("fonts", {}), current["fonts"]
    for name in sorted(set(old_fonts) | set(new_fonts)):
        if old_fonts.get(name) != new_fonts.get(name):
            said.append(
                f"police {name} {old_fonts.get(name) or 'absente'} → {new_fonts.get(name) or 'absente'}"
            )
    if committed.get("text", []) != current.get("text", []):
        said.append(
            f"rendu du texte {' '.join(committed.get('text', [])) or 'par défaut'}"
            f" → {' '.join(current.get('text', []))}"
        )
    return said
