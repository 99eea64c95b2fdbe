"""python -m walkthroughs.replay FOLDER: a recorded procedure replayed into its sheet, in the background.

Record mode (simulator/sandbox/recorder.py) writes the reviewed walkthrough as
``FOLDER/parcours.yaml`` and starts this module in a process of its own, so that a support
writer gets the captures, the PDF sheet and the zip QA adds to the guide without a terminal.
Everything the page shows is in ``FOLDER/etat.json`` (rewritten atomically after every step):
the job survives the web worker that started it, and any worker can show its progress. The
replay is the guide's own (walkthroughs/runner.py): the same captures, the same step text.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

from simulator.procedures.sheet_job import (
    BUNDLE,
    CAPTURES,
    DONE,
    FAILED,
    NO_BROWSER,
    RUNNING,
    SHEET,
    SOURCE,
    read_state,
    write_state,
)


def bundle(folder: Path, slug: str) -> Path:
    """The zip QA adds with ``python -m walkthroughs new FICHE.zip``: the YAML, the captures and
    their words, the step text (``captures/<slug>/…``, as under docs/)."""
    target = folder / BUNDLE
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(folder / SOURCE, f"{slug}.yaml")
        for path in sorted((folder / CAPTURES / slug).iterdir()):
            archive.write(path, f"captures/{slug}/{path.name}")
    return target


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    try:
        return _replay(folder)
    except Exception as problem:  # whatever stops the job, the page must say it stopped
        state = read_state(folder) or {}
        write_state(
            folder,
            {**state, "etat": FAILED, "message": f"{type(problem).__name__}: {problem}"[:1000]},
        )
        raise


def _replay(folder: Path) -> int:
    state = read_state(folder) or {}
    from simulator.procedures.model import WalkthroughError, load

    try:
        walkthrough = load(folder / SOURCE)
    except WalkthroughError as problem:
        write_state(folder, {**state, "etat": FAILED, "message": str(problem)})
        return 2
    steps = walkthrough.shown_steps()
    state.update(etat=RUNNING, faites=0, total=len(steps), message="", pid=os.getpid())
    write_state(folder, state)

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from .browser import launch_args
    from .runner import Mode, SimulatorServer, StepFailed, run
    from .sheets import print_sheet

    def progress(page, walkthrough, step, number) -> None:
        state.update(faites=number - 1, en_cours=number)
        write_state(folder, state)

    began = time.monotonic()
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(**launch_args())
        except PlaywrightError as problem:
            write_state(folder, {**state, "etat": NO_BROWSER, "message": str(problem)[:500]})
            return 3
        try:
            with SimulatorServer() as server:
                run(
                    walkthrough, browser, server.url, folder / CAPTURES, mode=Mode(inspect=progress)
                )
            print_sheet(browser, walkthrough, folder / CAPTURES, folder, name=SHEET)
        except StepFailed as problem:
            write_state(folder, {**state, "etat": FAILED, "message": str(problem)[:1000]})
            return 1
        finally:
            browser.close()
    bundle(folder, walkthrough.slug)
    state.update(
        etat=DONE, faites=len(steps), en_cours=None, secondes=round(time.monotonic() - began, 1)
    )
    write_state(folder, state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
