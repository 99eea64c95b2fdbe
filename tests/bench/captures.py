"""Capture regeneration against the raw-Playwright floor, a run with nothing changed, and --check.

All are run as `make screenshots` runs (`python -m walkthroughs`, its own process) on a copy of
docs/captures, so the repository is left alone; the regeneration and its floor with one worker
(`-j 1`) and with as many as cores (the default), the best of two turns each.

The floor is what Playwright alone costs to draw the same pictures: as many spawn workers as
the regeneration it is compared with, each launching Chromium and the simulator once, playing the same
lines (``model.lines``: a walkthrough that starts from another goes on in its context) with
the runner's ``Mode(witnesses=False)``: the same navigations to the same pages of the
simulator, the same fills, ticks, choices and clicks on the same elements, the same waits for
the page a step names, the same clipped screenshots at the captures' scale saved as the
product saves them (framing.optimise): the very pictures, but for the outline and the marker.
What the product adds (the check that each element and quote is on the screen, the outline
and the numbered marker, the words and the layout of each screen, the step text, the pixel
comparison that keeps unchanged bytes, the manifests, the run's start: which walkthroughs
changed, the browser's version) is the overhead measured.

Until December 2026 the floor sent every navigation to one light page (PIGP's login form) and
shot pictures of that page's size: 83 % of the product's pixels and none of its real pages,
a floor no script could have drawn the guide's pictures with (the ratio it gave, 1.6×,
counted the simulator's serving of the real pages as the runner's overhead).
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


def _floor_line(slugs: list[str], out: str) -> int:
    """One line as the product plays it, with Playwright's own calls alone (the runner's
    ``Mode(witnesses=False)``); returns the screenshots taken."""
    from simulator.procedures.model import by_slug
    from walkthroughs.runner import Mode, run_line

    worker = pool.worker()
    results = run_line(
        by_slug(slugs),
        worker["browser"],
        worker["server"].url,
        Path(out),
        mode=Mode(witnesses=False),
    )
    return sum(len(r.images) for r in results)


def floor(jobs: int) -> float:
    from simulator.procedures.model import lines, load_all, steps_of_line

    every = {w.slug: w for w in load_all()}
    longest_first = sorted(
        lines(list(every.values()), every), key=lambda line: -steps_of_line(line, every)
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


def measure() -> dict:
    """Seconds: the floor and a full regeneration (--force) with one worker and with as many
    as cores, a run with nothing changed, --check."""
    widths = sorted({1, os.cpu_count() or 1})
    with tempfile.TemporaryDirectory(prefix="bench-captures-") as tmp:
        captures = Path(tmp) / "captures"
        shutil.copytree(ROOT / "docs" / "captures", captures)
        cwd = Path(tmp)  # where --check writes its walkthrough-diff/ report
        # in turns, the best of two each: another load on the machine slows one turn, not the ratio
        results: dict = {"pairs": {}}
        for jobs in widths:
            floors, regenerations = [], []
            for _ in range(2):
                floors.append(floor(jobs))
                regenerations.append(_walkthroughs(captures, cwd, "--force", "-j", str(jobs)))
            results["pairs"][jobs] = (min(regenerations), min(floors))
        results["regeneration"] = results["pairs"][widths[-1]][0]
        results["unchanged"] = _walkthroughs(captures, cwd)
        results["check"] = _walkthroughs(captures, cwd, "--check")
    return results


def report(line) -> None:
    found = measure()
    regeneration, check = found["regeneration"], found["check"]
    for jobs, (replayed, floor_s) in found["pairs"].items():
        line(
            f"captures : régénération / plancher (-j {jobs})",
            f"{replayed / floor_s:.2f}× ({replayed:.1f} s / {floor_s:.1f} s Playwright seul)",
            "≤ 1,1×",
            replayed / floor_s <= 1.1,
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
