"""Capture regeneration against the raw-Playwright floor, a run with nothing changed, and --check.

All four are run as `make screenshots` runs (`python -m walkthroughs`, its own process) on a
copy of docs/captures, so the repository is left alone, with the default number of workers.

The floor is what Playwright alone costs for the same work in the same layout: as many spawn
workers as `python -m walkthroughs` uses, each launching Chromium and the simulator once; for
every walkthrough a new context with the same options and a new sandbox (the start page's
button, as the runner does), then for every step it plays (start_from chains included) one
navigation to a page of the simulator (PIGP's login form) for its ``goto`` and one for its
click, one ``fill`` of a field for each field it fills, ticks or chooses, and for every step it
shows one screenshot at the captures' scale, clipped as the product clips it (framing.region:
around an element for a step that names one, the page's main block otherwise, the window for
``shot: page``), saved as they are (framing.optimise): the same actions and pictures. What the runner adds (finding fields by their label, typing, waiting for the page a step names, the outline, the accessibility snapshot, the
pixel comparison that keeps unchanged bytes, the manifest) is the overhead measured.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from walkthroughs import pool

ROOT = Path(__file__).resolve().parents[2]
FLOOR_PAGE = "/pigp/connexion"  # a portal's login form: a page of the simulator with a field


def _floor_one(slug: str, out: str) -> int:
    """One walkthrough's navigations and screenshots, nothing else; returns the screenshots taken."""
    from playwright.sync_api import Error as PlaywrightError

    from simulator.procedures.model import by_slug, load_all, played
    from walkthroughs import framing
    from walkthroughs.browser import CONTEXT_ARGS

    walkthrough = by_slug([slug])[0]
    steps = [s for _, chunk in played(walkthrough, {w.slug: w for w in load_all()}) for s in chunk]
    args = {
        **CONTEXT_ARGS,
        "base_url": pool.worker()["server"].url,
        "device_scale_factor": framing.SCALE,
    }
    if walkthrough.viewport:
        args["viewport"] = walkthrough.viewport.model_dump()
    context = pool.worker()["browser"].new_context(**args)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Commencer", exact=True).click()
    page.wait_for_url("**/")
    shots = 0
    for step in steps:
        for _ in range(bool(step.goto) + (step.target is not None and step.does == "click")):
            page.goto(FLOOR_PAGE)
        for _ in range(len(step.fill) + len(step.check) + len(step.select)):
            page.fill("#username", "floor")
        if step.screenshot and not step.prepare:
            shots += 1
            picture = Path(out) / f"{slug}-{shots:02}.png"
            # the product's picture: clipped around the step's element (or the page's main
            # block), unless the step shows the whole window; full-window pictures had 2.8
            # times the pixels and made the floor heavier than the product's work
            target = page.locator("#username") if step.target is not None else None
            clip = framing.region(page, target, whole_window=step.shot == "page")
            try:
                framing.shoot(page, picture, clip)  # the PNG work too, which the runner does
            except PlaywrightError:  # « Unable to capture screenshot » once in a run: again
                framing.shoot(page, picture, clip)
    context.close()
    return shots


def floor(jobs: int) -> float:
    from simulator.procedures.model import load_all, played

    every = {w.slug: w for w in load_all()}
    longest_first = sorted(every.values(), key=lambda w: -sum(len(s) for _, s in played(w, every)))
    began = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="bench-floor-") as out,
        ProcessPoolExecutor(
            min(jobs, len(every)), mp_context=get_context("spawn"), initializer=pool.start
        ) as executor,
    ):
        for future in [executor.submit(_floor_one, w.slug, out) for w in longest_first]:
            future.result()
    return time.monotonic() - began


def _walkthroughs(captures: Path, cwd: Path, *options: str) -> float:
    began = time.monotonic()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
    }  # this checkout's walkthroughs, run from elsewhere
    done = subprocess.run(
        [sys.executable, "-m", "walkthroughs", "--captures", str(captures), *options],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - began
    if done.returncode != 0:
        raise RuntimeError(
            f"python -m walkthroughs {' '.join(options)} : {done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return seconds


def measure() -> dict[str, float]:
    """Seconds: the floor, a full regeneration (--force), a run with nothing changed, --check."""
    jobs = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-captures-") as tmp:
        captures = Path(tmp) / "captures"
        shutil.copytree(ROOT / "docs" / "captures", captures)
        cwd = Path(tmp)  # where --check writes its walkthrough-diff/ report
        # in turns, the best of two each: another load on the machine slows one turn, not the ratio
        floors, regenerations = [], []
        for _ in range(2):
            floors.append(floor(jobs))
            regenerations.append(_walkthroughs(captures, cwd, "--force"))
        results = {"floor": min(floors), "regeneration": min(regenerations)}
        results["unchanged"] = _walkthroughs(captures, cwd)
        results["check"] = _walkthroughs(captures, cwd, "--check")
        results["jobs"] = jobs
    return results


def report(line) -> None:
    found = measure()
    regeneration, floor_s, check = found["regeneration"], found["floor"], found["check"]
    line(
        f"captures : régénération / plancher (-j {found['jobs']})",
        f"{regeneration / floor_s:.2f}× ({regeneration:.1f} s / {floor_s:.1f} s Playwright seul)",
        "≤ 1,1×",
        regeneration / floor_s <= 1.1,
    )
    line(
        "captures : relance sans changement",
        f"{found['unchanged']:.1f} s",
        "< 5 s",
        found["unchanged"] < 5,
    )
    line(
        "captures : --check / régénération",
        f"{check / regeneration:.2f}× ({check:.1f} s / {regeneration:.1f} s)",
        "≤ 1,3×",
        check / regeneration <= 1.3,
    )
    pictures = sorted((ROOT / "docs" / "captures").glob("*/*.png"))
    total = sum(p.stat().st_size for p in pictures)
    line(
        "captures : taille des PNG enregistrés",
        f"{total / 2**20:.1f} Mio pour {len(pictures)} images ({total / len(pictures) / 1024:.0f} Kio en moyenne)",
        "(information)",
        True,
    )
