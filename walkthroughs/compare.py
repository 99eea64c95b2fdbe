"""Is a committed capture still what the screen shows? A small tolerance absorbs
anti-aliasing noise; a changed word, field or colour does not pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

CHANNEL_THRESHOLD = 48  # per-channel difference below which a pixel counts as unchanged
MAX_CHANGED_RATIO = 0.002  # 0.2 % of the pixels


@dataclass(frozen=True)
class Difference:
    name: str
    problem: str


def compare_images(expected: Path, actual: Path, diff_path: Path) -> str | None:
    """None when alike; else what differs (and a diff image is written)."""
    with Image.open(expected) as a, Image.open(actual) as b:
        a, b = a.convert("RGB"), b.convert("RGB")
        if a.size != b.size:
            return f"size {a.size} became {b.size}"
        delta = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > CHANNEL_THRESHOLD else 0)
        changed = delta.histogram()[255]
        ratio = changed / (a.size[0] * a.size[1])
        if ratio <= MAX_CHANGED_RATIO:
            return None
        diff_path.parent.mkdir(parents=True, exist_ok=True)
        overlay = Image.blend(b, Image.new("RGB", b.size, (255, 255, 255)), 0.7)
        overlay.paste((230, 30, 30), mask=delta)
        overlay.save(diff_path)
        return f"{ratio:.2%} of pixels changed (diff: {diff_path})"


def compare_dirs(slug: str, committed: Path, fresh: Path, diff_dir: Path) -> list[Difference]:
    problems: list[Difference] = []
    committed_files = {p.name for p in committed.glob("*")} if committed.exists() else set()
    fresh_files = {p.name for p in fresh.glob("*")}
    for name in sorted(fresh_files - committed_files):
        problems.append(Difference(f"{slug}/{name}", "not committed: run `make screenshots`"))
    for name in sorted(committed_files - fresh_files):
        problems.append(Difference(f"{slug}/{name}", "committed but no longer produced"))
    for name in sorted(fresh_files & committed_files):
        if name.endswith(".png"):
            problem = compare_images(committed / name, fresh / name, diff_dir / slug / name)
        else:
            same = (committed / name).read_text(encoding="utf-8") == (fresh / name).read_text(encoding="utf-8")
            problem = None if same else "step text changed"
        if problem:
            problems.append(Difference(f"{slug}/{name}", problem))
    return problems
