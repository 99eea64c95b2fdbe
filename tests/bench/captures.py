"""Capture regeneration against the raw-Playwright floor, a run with nothing changed, and --check.

All four are run as `make screenshots` runs (`python -m walkthroughs`, its own process) on a
copy of docs/captures, so the repository is left alone, with the default number of workers.

The floor is what Playwright alone costs for the same work in the same layout: as many spawn
workers as `python -m walkthroughs` uses, each launching Chromium and the simulator once; the
walkthroughs grouped in the product's lines (``model.lines``: one that starts from another
goes on in its context), for every line a new context with the same options and a new sandbox
(the start page's button, as the runner does), then for every step it plays (the first
walkthrough's start_from chain included) one navigation to a page of the simulator (PIGP's
login form) for its ``goto`` and one for its click, one ``fill`` of a field for each field it
fills, ticks or chooses, and for every step it shows one screenshot of the product's picture's
size at the captures' scale (the committed capture's size; the window when it is the
window: 99 % of the product's pixels, a picture taller than the login page being cut at its
foot), saved as they are (framing.optimise): the same actions and pictures. What the runner
adds (finding fields by their label, typing, waiting for the page a step names, serving the
real pages, the outline, the accessibility snapshot, the pixel comparison that keeps
unchanged bytes, the manifest) is the overhead measured.
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
CAPTURES = ROOT / "docs" / "captures"  # the product's pictures, whose sizes the floor takes


def _floor_line(slugs: list[str], out: str) -> int:
    """One line's navigations and screenshots (``model.lines``, as the product plays it: the
    first walkthrough with its start_from chain, the next ones going on in the same context),
    nothing else; returns the screenshots taken."""
    from PIL import Image
    from playwright.sync_api import Error as PlaywrightError

    from simulator.procedures.model import by_slug, load_all, played
    from walkthroughs import framing
    from walkthroughs.browser import CONTEXT_ARGS

    every = {w.slug: w for w in load_all()}
    line = by_slug(slugs)
    args = {
        **CONTEXT_ARGS,
        "base_url": pool.worker()["server"].url,
        "device_scale_factor": framing.SCALE,
    }
    if line[0].viewport:
        args["viewport"] = line[0].viewport.model_dump()
    window = args["viewport"]
    context = pool.worker()["browser"].new_context(**args)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Commencer", exact=True).click()
    page.wait_for_url("**/")
    shots = 0
    for position, walkthrough in enumerate(line):
        chunks = played(walkthrough, every) if position == 0 else [(walkthrough, walkthrough.steps)]
        number = 0
        for step in (s for _, chunk in chunks for s in chunk):
            number += 0 if step.prepare else 1
            for _ in range(bool(step.goto) + (step.target is not None and step.does == "click")):
                page.goto(FLOOR_PAGE)
            for _ in range(len(step.fill) + len(step.check) + len(step.select)):
                page.fill("#username", "floor")
            if step.screenshot and not step.prepare:
                shots += 1
                picture = Path(out) / f"{walkthrough.slug}-{number:02}.png"
                # the product's picture, as many pixels: the size of the committed capture,
                # the whole window when the capture is the window
                committed = CAPTURES / walkthrough.slug / walkthrough.image_name(number, step)
                with Image.open(committed) as image:
                    width, height = (round(side / framing.SCALE) for side in image.size)
                whole = (width, height) == (window["width"], window["height"])
                clip = None if whole else {"x": 0, "y": 0, "width": width, "height": height}
                try:
                    framing.shoot(page, picture, clip)  # the PNG work too, which the runner does
                except PlaywrightError:  # « Unable to capture screenshot » once in a run: again
                    framing.shoot(page, picture, clip)
    context.close()
    return shots


def floor(jobs: int) -> float:
    from simulator.procedures.model import lines, load_all, played

    every = {w.slug: w for w in load_all()}
    longest_first = sorted(
        lines(list(every.values()), every),
        key=lambda line: (
            -sum(len(s) for _, s in played(line[0], every)[:-1]) - sum(len(w.steps) for w in line)
        ),
    )
    began = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="bench-floor-") as out,
        ProcessPoolExecutor(
            min(jobs, len(longest_first)), mp_context=get_context("spawn"), initializer=pool.start
        ) as executor,
    ):
        for future in [
            executor.submit(_floor_line, [w.slug for w in line], out) for line in longest_first
        ]:
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
