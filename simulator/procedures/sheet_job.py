"""Record mode's sheet job, as files: what the web page and the replay process share.

The replay (``python -m walkthroughs.replay FOLDER``) writes its progress here and the
simulator's pages read it (services/replays.py): plain files under the instance folder, so the
job outlives the web worker that started it and any worker can show it. Kept in the simulator
(the runner imports it, never the other way round).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

STATE = "etat.json"
SOURCE = "parcours.yaml"
CAPTURES = "captures"
SHEET = "fiche.pdf"
BUNDLE = "fiche.zip"
RUNNING, DONE, FAILED, NO_BROWSER = "en-cours", "fini", "echec", "navigateur"


def read_state(folder: Path) -> dict | None:
    try:
        return json.loads((folder / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_state(folder: Path, state: dict) -> None:
    """Written beside, then renamed: a reader never sees half a file."""
    fresh = folder / f".{STATE}.{os.getpid()}"
    fresh.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(fresh, folder / STATE)


def chromium_executable() -> str | None:
    """Debian's Chromium, when present (the runner launches it; the sheet page says when it
    is missing). Its headless shell first: the same engine, hence the same pixels (the 139
    captures drawn by one then the other are identical pixel for pixel), without the full browser's interface layers, whose
    work made a replay cost a fifth more processor time (the test suite: 599 s then 424 s on
    this project's 2-core machine). Playwright's own headless runs use the shell too."""
    for candidate in (
        "/usr/bin/chromium-headless-shell",
        "/usr/bin/chromium",
        "/usr/lib/chromium/chromium",
        shutil.which("chromium") or "",
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None
