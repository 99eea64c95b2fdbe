"""Is a committed capture still what the screen shows?

Three checks, because each sees what the others miss:

- the accessibility snapshot beside each PNG (the words, roles and names of the page's
  content) is compared exactly, so a renamed button or a changed digit fails whatever its
  size in pixels;
- the layout beside it (walkthroughs/layout.py: the box of every named element, in CSS
  pixels) is compared within a few pixels, so a hidden, moved or resized element fails; these
  two do not depend on the rasteriser, and hold on any Chromium;
- the pixels, with pixelmatch's perceptual threshold and anti-aliasing detection, so a colour
  change fails too and a glyph's edge rendered one shade lighter does not. On the renderer
  that drew the captures, a handful of pixels may differ (``MAX_DIFFERENT_PIXELS``); on
  another (another Chromium or other fonts, walkthroughs/environment.py), a control drawn
  differently may too (Chromium 150 drew a radio's ring square, 156 round, and a textarea's
  resize grip otherwise): up to ``CROSS_RENDERER_MAX_PIXELS`` pixels, in groups no larger
  than a control (``CONTROL_PX``). Measured on the 131 captures, 150 against 156: 129
  identical, 672 pixels in four 19 × 19 groups (the corners of the radio's square ring), 176
  in two 17 × 17 groups (the grips); a changed colour of a button, a banner or a word moves
  thousands of pixels, or one group wider than a control (docs/captures.md).
"""

from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from . import layout, pixels

THRESHOLD = 0.1  # pixelmatch's default: the perceptual distance at which a pixel differs
MAX_DIFFERENT_PIXELS = 4  # a handful, for a lone pixel of rasteriser noise; never a word
# Another Chromium or other fonts (docs/captures.md gives the measurements, 150 against 156):
CROSS_RENDERER_MAX_PIXELS = 1500  # twice the most seen (672), a tenth of a button's 14,000
CONTROL_PX = 40  # device pixels (20 CSS px), twice the largest group seen (19): a control's size
GAP_PX = 8  # device pixels between two changed pixels of one group (the letters of a word)
SNAPSHOT_SUFFIX = ".aria.yml"
NOT_CAPTURES = {
    "manifest.yml"
}  # what the captures were made from (walkthroughs/manifest.py), not a capture


@dataclass(frozen=True)
class Difference:
    name: str  # slug/file
    problem: str
    committed: Path | None = None
    fresh: Path | None = None
    diff: Path | None = None  # the pixel-difference picture, for images
    text_diff: str = ""  # a unified diff, for snapshots and step text


def compare_images(
    expected: Path, actual: Path, diff_path: Path, same_renderer: bool = True
) -> str | None:
    """None when alike; else what differs (and the difference picture is written)."""
    with Image.open(expected) as a, Image.open(actual) as b:
        a_rgb, b_rgb = np.asarray(a.convert("RGB")), np.asarray(b.convert("RGB"))
    if a_rgb.shape != b_rgb.shape:
        return f"taille changée : {a_rgb.shape[1]}×{a_rgb.shape[0]} devenue {b_rgb.shape[1]}×{b_rgb.shape[0]}"
    result = pixels.compare(a_rgb, b_rgb, THRESHOLD)
    problem = _beyond_tolerance(result, same_renderer)
    if problem is None:
        return None
    diff_path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels.diff_image(b_rgb, result)).save(diff_path)
    return f"pixels changés : {problem}"


def _beyond_tolerance(result: pixels.PixelDiff, same_renderer: bool) -> str | None:
    if same_renderer:
        return None if result.count <= MAX_DIFFERENT_PIXELS else str(result.count)
    if result.count > CROSS_RENDERER_MAX_PIXELS:
        return f"{result.count} (autre moteur : {CROSS_RENDERER_MAX_PIXELS} tolérés)"
    if result.count == 0:
        return None
    widest = max(pixels.clusters(result.different, GAP_PX), key=lambda b: max(b[2], b[3]))
    if max(widest[2], widest[3]) > CONTROL_PX:
        return (
            f"{result.count}, dont une zone de {widest[2]} × {widest[3]} en ({widest[0]}, {widest[1]})"
            f" (autre moteur : zones de {CONTROL_PX} px au plus tolérées, la taille d'un contrôle)"
        )
    return None


def _text_diff(committed: Path, fresh: Path) -> str:
    before = committed.read_text(encoding="utf-8").splitlines(keepends=True)
    after = fresh.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, "enregistré", "à l'écran", n=1))


def compare_dirs(
    slug: str, committed: Path, fresh: Path, diff_dir: Path, same_renderer: bool = True
) -> list[Difference]:
    """What differs between the committed captures of ``slug`` and a replay's; ``same_renderer``
    False when another Chromium or other fonts drew the committed ones (pixels with tolerance).
    Each problem starts with the kind of change: pixels, texte, disposition, taille."""
    problems: list[Difference] = []
    committed_files = (
        {p.name for p in committed.glob("*")} - NOT_CAPTURES if committed.exists() else set()
    )
    fresh_files = {p.name for p in fresh.glob("*")} - NOT_CAPTURES
    for name in sorted(fresh_files - committed_files):
        problems.append(
            Difference(
                f"{slug}/{name}",
                "pas encore enregistré : lancez `make screenshots`",
                fresh=fresh / name,
            )
        )
    for name in sorted(committed_files - fresh_files):
        problems.append(
            Difference(f"{slug}/{name}", "enregistré mais plus produit", committed=committed / name)
        )
    for name in sorted(fresh_files & committed_files):
        before, after = committed / name, fresh / name
        if before.read_bytes() == after.read_bytes():
            continue  # the same bytes: no need to decode two pictures to know they match
        if name.endswith(".png"):
            diff = diff_dir / slug / name
            problem = compare_images(before, after, diff, same_renderer)
            if problem:
                problems.append(Difference(f"{slug}/{name}", problem, before, after, diff))
        elif name.endswith(layout.SUFFIX):
            moved = layout.changes(layout.read(before), layout.read(after))
            if moved:
                problems.append(
                    Difference(
                        f"{slug}/{name}",
                        f"disposition changée : {' ; '.join(moved)}",
                        before,
                        after,
                        text_diff=_text_diff(before, after),
                    )
                )
        else:
            what = (
                "texte de la page changé"
                if name.endswith(SNAPSHOT_SUFFIX)
                else "texte des étapes changé"
            )
            problems.append(
                Difference(
                    f"{slug}/{name}", what, before, after, text_diff=_text_diff(before, after)
                )
            )
    return problems


def place(fresh: Path, committed: Path) -> list[str]:
    """Move a replay's files over the committed ones, keeping the committed bytes of every
    capture the check would call the same screen: Chromium's rasteriser can shade a few
    edge pixels differently from one run to the next (onegov-rester-connecte's first step,
    six pixels), and rewriting such a PNG would churn git for a screen nobody changed.
    Returns the names written or removed."""
    committed.mkdir(parents=True, exist_ok=True)
    changed = []
    produced = {p.name for p in fresh.iterdir() if p.is_file()}
    for name in sorted(produced):
        before, after = committed / name, fresh / name
        if before.is_file():
            if before.read_bytes() == after.read_bytes():
                continue
            if (
                name.endswith(".png")
                and compare_images(before, after, fresh.parent / "_difference" / fresh.name / name)
                is None
            ):
                continue
            if name.endswith(layout.SUFFIX) and not layout.changes(
                layout.read(before), layout.read(after)
            ):
                continue
        shutil.copyfile(after, before)
        changed.append(name)
    for old in sorted(committed.iterdir()):
        if old.is_file() and old.name not in produced and old.name not in NOT_CAPTURES:
            old.unlink()
            changed.append(old.name)
    return changed
