"""Walkthroughs played side by side: one process a worker, each with its browser and its server.

Playwright's sync API runs once a process, and one Chromium renders on about one core: so
``python -m walkthroughs`` starts a ``spawn`` process pool (``-j``, the number of cores by
default) and each worker launches Chromium and the simulator once, then plays the walkthroughs
it is given one after the other (a new browser context each, as before). The parent only
decides what to play and prints what came back, in the order of the slugs.
"""

from __future__ import annotations

import atexit
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

_worker: dict = {}


@dataclass
class Outcome:
    slug: str
    steps: int
    seconds: float
    failure: str = ""
    differences: list = field(default_factory=list)  # --check: compare.Difference
    written: list[str] = field(default_factory=list)  # regeneration: files written or removed


def start() -> None:
    """The pool's initializer: this worker's browser and simulator, closed when it exits."""
    from playwright.sync_api import sync_playwright

    from .browser import launch_args
    from .runner import SimulatorServer

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(**launch_args())
    server = SimulatorServer().__enter__()
    _worker.update(browser=browser, server=server)

    def stop() -> None:
        server.__exit__(None, None, None)
        browser.close()
        playwright.stop()

    atexit.register(stop)


def worker() -> dict:
    """This worker's ``browser`` and ``server``, once :func:`start` has run (the bench's floor
    plays its raw Playwright in the same workers)."""
    return _worker


def play(
    slug: str,
    captures: str,
    scratch: str,
    check: bool,
    python: str,
    drawn_by: dict,
    same_renderer: bool = True,
) -> Outcome:
    """Replay one walkthrough into ``scratch``; then compare it with ``captures`` (--check; with
    the cross-renderer tolerance unless ``same_renderer``) or place it there, keeping the bytes
    of unchanged screens, with its manifest."""
    from simulator.procedures.model import by_slug, load_all

    from . import manifest
    from .compare import compare_dirs, place
    from .runner import StepFailed, run

    began = time.monotonic()
    every = {w.slug: w for w in load_all()}
    walkthrough = by_slug([slug])[0]
    server = worker()["server"]
    server.used.clear()
    fresh_root = Path(tempfile.mkdtemp(prefix=f"{slug}-", dir=scratch))
    outcome = Outcome(slug, len(walkthrough.steps), 0.0)
    try:
        run(walkthrough, worker()["browser"], server.url, fresh_root)
    except StepFailed as problem:
        outcome.failure = str(problem)
        outcome.seconds = time.monotonic() - began
        return outcome
    committed = Path(captures) / slug
    if check:
        outcome.differences = compare_dirs(
            slug, committed, fresh_root / slug, Path(scratch) / "_difference", same_renderer
        )
    else:
        outcome.written = place(fresh_root / slug, committed)
        manifest.write(
            committed,
            manifest.build(
                manifest.sources(walkthrough, every),
                manifest.template_files(server.app, server.used.templates),
                manifest.static_files(server.app, server.used.static),
                python,
                drawn_by,
                committed,
            ),
        )
    outcome.seconds = time.monotonic() - began
    return outcome
