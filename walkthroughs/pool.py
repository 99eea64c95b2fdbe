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


@dataclass(frozen=True)
class Settings:
    """What a run asks of every line it plays: where the committed captures are, a scratch
    folder, --check or placing, the Python digest and the renderer for the manifests, and
    whether pixels compare exactly (the same renderer drew the committed captures)."""

    captures: str
    scratch: str
    check: bool
    python: str
    drawn_by: dict
    same_renderer: bool = True


def play(slugs: list[str], settings: Settings) -> list[Outcome]:
    """Replay a line of walkthroughs (``model.lines``: each after the first starts from the
    one before it) into the scratch folder, in one context; then, for each, compare it with
    the committed captures (--check; with the cross-renderer tolerance unless the same renderer
    drew them) or place it there, keeping the bytes of unchanged screens, with its manifest.
    When a step fails, the line is played again one walkthrough at a time, each from its own
    chain, so that every walkthrough gets its own verdict."""
    from simulator.procedures.model import by_slug, load_all

    from .runner import StepFailed, run_line

    began = time.monotonic()
    every = {w.slug: w for w in load_all()}
    line = by_slug(slugs)
    server = worker()["server"]
    server.used.clear()
    fresh_root = Path(tempfile.mkdtemp(prefix=f"{slugs[0]}-", dir=settings.scratch))
    used: dict[str, tuple[set, set]] = {}

    def note_used(result) -> None:  # what the line used up to this walkthrough: its chain's
        used[result.walkthrough.slug] = (set(server.used.templates), set(server.used.static))

    try:
        run_line(line, worker()["browser"], server.url, fresh_root, done=note_used)
    except StepFailed as problem:
        if len(line) > 1:
            return [o for slug in slugs for o in play([slug], settings)]
        return [Outcome(slugs[0], len(line[0].steps), time.monotonic() - began, str(problem))]
    outcomes = []
    for walkthrough in line:
        outcome = Outcome(walkthrough.slug, len(walkthrough.steps), 0.0)
        _settle(outcome, walkthrough, every, fresh_root / walkthrough.slug, used, settings)
        outcomes.append(outcome)
    # a line's time is shared by its walkthroughs, in proportion to their own steps
    seconds = time.monotonic() - began
    steps = sum(o.steps for o in outcomes)
    for outcome in outcomes:
        outcome.seconds = seconds * outcome.steps / steps
    return outcomes


def _settle(outcome, walkthrough, every, fresh: Path, used: dict, settings: Settings) -> None:
    """Compare one replayed walkthrough with its committed captures (--check), or place it."""
    from . import manifest
    from .compare import compare_dirs, place

    templates, static = used[walkthrough.slug]
    server = worker()["server"]
    committed = Path(settings.captures) / walkthrough.slug
    if settings.check:
        outcome.differences = compare_dirs(
            walkthrough.slug,
            committed,
            fresh,
            Path(settings.scratch) / "_difference",
            settings.same_renderer,
        )
        return
    outcome.written = place(fresh, committed)
    manifest.write(
        committed,
        manifest.build(
            manifest.sources(walkthrough, every),
            manifest.template_files(server.app, templates),
            manifest.static_files(server.app, static),
            settings.python,
            settings.drawn_by,
            committed,
        ),
    )
