"""What drew the captures: the Chromium and Playwright versions and the font packages, committed
beside them.

Pixels depend on the rasteriser and the fonts as much as on our templates. When CI's Chromium
moves from 156 to 158, every capture shifts by a shade: the check must say that first, so QA
regenerates and reviews the report instead of hunting for a template change that never was.
"""

from __future__ import annotations

import json
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
    }


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
    return said
