"""Walkthroughs as data: loading and validating the YAML files.

Kept apart from the runner so that the simulator's guided mode can read the same steps
without importing Playwright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
PORTAL_ORDER = ("pigp", "cerbere", "karbon", "onegov", "eulogin")
STEP_KEYS = {
    "id", "tab", "goto", "page", "fill", "check", "select", "remember", "target", "action",
    "caption", "expect", "screenshot", "wall_advance", "sandbox_clock", "close_tab", "prepare",
}  # fmt: skip
WALKTHROUGH_KEYS = {"slug", "title", "portal", "guide", "viewport", "setup", "steps"}
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class WalkthroughError(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    id: str
    page: str
    caption: str = ""
    tab: str = "portail"
    goto: str | None = None
    fill: dict = field(default_factory=dict)
    check: list = field(default_factory=list)
    select: dict = field(default_factory=dict)
    remember: dict = field(default_factory=dict)
    target: str | None = None
    action: str | None = None
    expect: str | None = None
    screenshot: bool = True
    wall_advance: float = 0
    sandbox_clock: str | None = None
    close_tab: bool = False
    prepare: bool = False  # played to reach the starting point; not shown, not guided

    @property
    def does(self) -> str:
        return self.action or ("click" if self.target else "none")

    def matches(self, path: str) -> bool:
        return re.fullmatch(self.page, path) is not None


@dataclass(frozen=True)
class Walkthrough:
    slug: str
    title: str
    portal: str
    guide: str
    steps: tuple[Step, ...]
    setup: dict = field(default_factory=dict)
    viewport: dict | None = None
    source: Path | None = None

    def shots(self) -> list[tuple[int, Step]]:
        """(number, step) of the steps that make a screenshot, numbered from 1."""
        return [(n, s) for n, s in enumerate(self.shown_steps(), start=1) if s.screenshot]

    def shown_steps(self) -> list[Step]:
        return [s for s in self.steps if not s.prepare]

    def anchor(self, step: Step) -> str:
        """The id of a step in the guide page (guided mode links to it)."""
        return f"{self.slug}--{step.id}"

    def guide_url(self, step: Step) -> str:
        return f"{self.guide.removesuffix('.md')}/#{self.anchor(step)}"

    @staticmethod
    def image_name(number: int, step: Step) -> str:
        return f"{number:02d}-{step.id}.png"


def _fail(path: Path, message: str):
    shown = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
    raise WalkthroughError(f"{shown}: {message}")


def load(path: Path) -> Walkthrough:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - WALKTHROUGH_KEYS
    if unknown:
        _fail(path, f"unknown keys {sorted(unknown)}")
    for key in ("slug", "title", "portal", "guide", "steps"):
        if not data.get(key):
            _fail(path, f"missing {key!r}")
    if not KEBAB.fullmatch(data["slug"]):
        _fail(path, "slug must be kebab-case")
    steps = []
    seen = set()
    for raw in data["steps"]:
        unknown = set(raw) - STEP_KEYS
        if unknown:
            _fail(path, f"step {raw.get('id')!r}: unknown keys {sorted(unknown)}")
        for key in ("id", "page") if raw.get("prepare") else ("id", "page", "caption"):
            if not raw.get(key):
                _fail(path, f"step {raw.get('id')!r}: missing {key!r}")
        if raw["id"] in seen or not KEBAB.fullmatch(raw["id"]):
            _fail(path, f"step id {raw['id']!r} must be kebab-case and unique")
        seen.add(raw["id"])
        try:
            re.compile(raw["page"])
        except re.error as problem:
            _fail(path, f"step {raw['id']!r}: page is not a regular expression ({problem})")
        steps.append(Step(**raw))
    return Walkthrough(
        slug=data["slug"], title=data["title"], portal=data["portal"], guide=data["guide"],
        steps=tuple(steps), setup=data.get("setup") or {}, viewport=data.get("viewport"), source=path,
    )


def load_all() -> list[Walkthrough]:
    found = [load(p) for p in sorted(ROOT.glob("*/*.yaml"))]
    slugs = [w.slug for w in found]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise WalkthroughError(f"duplicate slugs: {sorted(duplicates)}")
    order = {p: i for i, p in enumerate(PORTAL_ORDER)}
    return sorted(found, key=lambda w: (order.get(w.portal, 99), str(w.source)))


def by_slug(slugs: list[str] | None = None) -> list[Walkthrough]:
    every = load_all()
    if not slugs:
        return every
    known = {w.slug: w for w in every}
    missing = [s for s in slugs if s not in known]
    if missing:
        raise WalkthroughError(f"unknown walkthroughs: {', '.join(missing)} (see --list)")
    return [known[s] for s in slugs]
