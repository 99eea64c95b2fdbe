"""Record mode's sheet: the reviewed recording replayed into captures, a PDF sheet and a zip.

A replay takes seconds to a minute, longer than a request may: it runs in a process of its
own (``python -m walkthroughs.replay``), and its progress lives in files under the instance
folder (``instance/fiches/<recording>/``), not in a worker's memory, so any worker can show
it, and a restarted server still finds a finished sheet. One recording has one sheet folder:
starting again replaces it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from ..procedures import sheet_job as replay
from ..procedures.sheet_job import chromium_executable

WAITING = "attente"
RUNNING, DONE, FAILED, NO_BROWSER = replay.RUNNING, replay.DONE, replay.FAILED, replay.NO_BROWSER
STOPPED = "interrompu"

INSTALL = (
    "make chromium",
    "apt-get install chromium-headless-shell fonts-liberation fonts-dejavu-core",
)


@dataclass
class Sheet:
    """What the sheet page shows: where the replay is, and what it made."""

    state: str
    done: int = 0
    total: int = 0
    current: int | None = None
    message: str = ""
    seconds: float | None = None
    captures: dict[int, str] = field(default_factory=dict)  # step number -> picture
    stale: bool = False  # the draft changed since this sheet was made

    @property
    def busy(self) -> bool:
        return self.state in (WAITING, RUNNING)


def _root() -> Path:
    configured = current_app.config.get("SIM_SHEETS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "fiches"


def folder(recording_id: int) -> Path:
    return _root() / str(int(recording_id))


def browser_missing() -> bool:
    """True when no Chromium can replay here (neither Debian's nor Playwright's own)."""
    if chromium_executable():
        return False
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache/ms-playwright")
    return not any(cache.glob("chromium*"))


# The replays this worker started: kept only so that they are reaped once finished (their
# state is in their folder, never here).
_children: list[subprocess.Popen] = []


def start(recording_id: int, yaml_text: str, total: int) -> None:
    """Write the reviewed walkthrough and start its replay, detached from this worker."""
    where = folder(recording_id)
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    (where / replay.SOURCE).write_text(yaml_text, encoding="utf-8")
    replay.write_state(where, {"etat": WAITING, "faites": 0, "total": total})
    log = open(where / "journal.txt", "wb")  # noqa: SIM115 - handed to the child, closed below
    try:
        child = subprocess.Popen(  # noqa: S603 - our own module, a path we made
            [sys.executable, "-m", "walkthroughs.replay", str(where)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=str(Path(__file__).resolve().parents[2]),
        )
    finally:
        log.close()
    _children[:] = [c for c in _children if c.poll() is None] + [child]
    replay.write_state(where, {"etat": WAITING, "faites": 0, "total": total, "pid": child.pid})


def _alive(pid) -> bool:
    """The job's process still runs (a finished child not yet reaped counts as stopped)."""
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text()
    except (OSError, TypeError, ValueError):
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def sheet(recording_id: int, yaml_text: str | None = None) -> Sheet | None:
    """The sheet of a recording, or None when it was never asked for."""
    where = folder(recording_id)
    data = replay.read_state(where)
    if data is None:
        return None
    state = data.get("etat", FAILED)
    if state in (WAITING, RUNNING) and not _alive(data.get("pid")):
        state = STOPPED
    made = Sheet(
        state=state,
        done=int(data.get("faites") or 0),
        total=int(data.get("total") or 0),
        current=data.get("en_cours"),
        message=str(data.get("message") or ""),
        seconds=data.get("secondes"),
    )
    if state == DONE:
        slug_folders = [p for p in (where / replay.CAPTURES).iterdir() if p.is_dir()]
        if slug_folders:
            made.captures = {
                int(p.name[:2]): p.name for p in slug_folders[0].glob("[0-9][0-9]-*.png")
            }
    if yaml_text is not None:
        try:
            made.stale = (where / replay.SOURCE).read_text(encoding="utf-8") != yaml_text
        except OSError:
            made.stale = True
    return made


def file(recording_id: int, name: str) -> Path | None:
    """A finished sheet's PDF, zip or capture (by its bare name); None when there is none."""
    where = folder(recording_id)
    if name in (replay.SHEET, replay.BUNDLE):
        path = where / name
    else:
        if "/" in name or "\\" in name or not name.endswith(".png") or name.startswith("."):
            return None
        captures = where / replay.CAPTURES
        slugs = [p for p in captures.iterdir() if p.is_dir()] if captures.is_dir() else []
        path = next((d / name for d in slugs if (d / name).is_file()), None)
    if path is None or not path.is_file():
        return None
    state = replay.read_state(where) or {}
    return path if state.get("etat") == DONE else None


def forget(recording_id: int) -> None:
    shutil.rmtree(folder(recording_id), ignore_errors=True)


__all__ = ["INSTALL", "Sheet", "browser_missing", "file", "folder", "forget", "sheet", "start"]
