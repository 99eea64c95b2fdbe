"""Accessibility audit of what a walkthrough shows: axe-core with the WCAG A and AA rules, and
reflow (no sideways scrolling) at 320 CSS px.

Why in the walkthroughs: they already reach every state a trainee sees (a code page, an error,
a mailbox with the message), so auditing the state each step shows covers the screens that
matter without a separate list of URLs to keep up to date. Findings are collected for the whole
walkthrough rather than raised at the first step, so one run reports every problem at once, in
French (axe's own French locale), grouped by rule and element with the steps where each shows.

Nothing here disables a rule: the only way to accept a finding is an entry of
``a11y_exceptions.yaml`` naming the rule, the element and why axe is wrong about it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .locate import url_path

ROOT = Path(__file__).resolve().parent
EXCEPTIONS_PATH = ROOT / "a11y_exceptions.yaml"
LOCALE_PATH = ROOT / "axe-fr.json"  # axe-core 4.12.1's locales/fr.json (MPL-2.0), as shipped on npm

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what RGAA 4.1 builds on, plus 2.2's additions.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
IMPACTS = {"minor": "mineur", "moderate": "modéré", "serious": "grave", "critical": "critique"}
NARROW = {"width": 320, "height": 640}


class Exemption(BaseModel):
    """One reviewed case where axe is wrong about an element: never a whole rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rule: str = Field(description="identifiant de la règle axe, ex. color-contrast")
    target: str = Field(min_length=1, description="sélecteur de l'élément, tel qu'axe le donne")
    page: str = Field(".*", description="expression régulière du chemin de la page")
    why: str = Field(min_length=20, description="pourquoi axe se trompe sur cet élément")

    @field_validator("page")
    @classmethod
    def _regex(cls, value):
        re.compile(value)
        return value

    def covers(self, rule: str, target: str, path: str) -> bool:
        return (
            rule == self.rule
            and target == self.target
            and re.fullmatch(self.page, path) is not None
        )


def load_exemptions(path: Path = EXCEPTIONS_PATH) -> list[Exemption]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [Exemption.model_validate(entry) for entry in (data or [])]


@dataclass(frozen=True)
class Finding:
    """One element failing one rule (or overflowing), at one step."""

    rule: str
    help: str
    target: str
    html: str
    where: str
    impact: str = ""
    detail: str = ""
    url: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.target, self.html)


def path_of(page) -> str:
    return url_path(page.url)


def step_label(walkthrough, step, number: int, page) -> str:
    return f"{walkthrough.slug}, étape {number} « {step.id} » ({path_of(page)})"


class Axe:
    """axe-core in the page, in French, limited to the WCAG A and AA rules."""

    def __init__(self, exemptions: list[Exemption] | None = None) -> None:
        from axe_playwright_python.base import AXE_SCRIPT

        locale = json.loads(LOCALE_PATH.read_text(encoding="utf-8"))
        # Injected once per document (a walkthrough step that stays on its page reuses it).
        self._script = f"{AXE_SCRIPT}\n;axe.configure({{locale: {json.dumps(locale)}}});"
        self.exemptions = load_exemptions() if exemptions is None else exemptions
        self.used: set[Exemption] = set()
        self.options = {
            "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
            "resultTypes": ["violations"],
        }

    def violations(self, page) -> list[dict]:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self._script)
        return page.evaluate(
            "options => axe.run(document, options).then(r => r.violations)", self.options
        )

    def findings(self, page, where: str) -> list[Finding]:
        path = path_of(page)
        found = []
        for violation in self.violations(page):
            for node in violation["nodes"]:
                target = " >>> ".join(
                    " ".join(t) if isinstance(t, list) else t for t in node["target"]
                )
                exemption = next(
                    (e for e in self.exemptions if e.covers(violation["id"], target, path)), None
                )
                if exemption:
                    self.used.add(exemption)
                    continue
                found.append(
                    Finding(
                        rule=violation["id"],
                        help=violation["help"],
                        target=target,
                        html=" ".join(node.get("html", "").split())[:300],
                        where=where,
                        impact=IMPACTS.get(
                            violation.get("impact") or "", violation.get("impact") or ""
                        ),
                        detail=" ".join((node.get("failureSummary") or "").split()),
                        url=violation.get("helpUrl", "").split("?")[0],
                    )
                )
        return found


# Sideways scrolling: the page's width against the window's, and the elements sticking out
# (their box, or their content when it overflows a box of fixed width: a long address).
_OVERFLOW = """() => {
  const width = window.innerWidth, scroller = document.scrollingElement;
  if (scroller.scrollWidth <= width) return null;
  const describe = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const parent = el.parentElement;
    return parent && parent !== document.body ? describe(parent) + ' > ' + s : s;
  };
  const right = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return 0;
    const clips = getComputedStyle(el).overflowX !== 'visible';
    return clips ? r.right : Math.max(r.right, r.left + el.scrollWidth);
  };
  const out = [...document.body.querySelectorAll('*')].filter(el => right(el) > width + 0.5);
  const deepest = out.filter(el => !out.some(o => o !== el && el.contains(o)));
  return {scrollWidth: scroller.scrollWidth, width,
          culprits: deepest.slice(0, 3).map(el => ({target: describe(el),
            html: el.outerHTML.slice(0, 160), right: Math.round(right(el))}))};
}"""


def overflow_findings(page, where: str) -> list[Finding]:
    """One finding per step that scrolls sideways, naming the (at most 3) elements sticking out."""
    found = page.evaluate(_OVERFLOW)
    if not found:
        return []
    culprits = found["culprits"]
    return [
        Finding(
            rule="reflow-320",
            help=(
                f"La page défile horizontalement : {found['scrollWidth']} px de large pour une fenêtre"
                f" de {found['width']} px (WCAG 1.4.10 Redistribution, RGAA 10.11)"
            ),
            target=" ; ".join(f"{c['target']} (bord droit à {c['right']} px)" for c in culprits)
            or "html",
            html=" ".join(culprits[0]["html"].split()) if culprits else "",
            where=where,
        )
    ]


@dataclass
class StepAudit:
    """The runner's hook: called at every shown step, in the state its screenshot shows.

    ``axe`` runs the axe-core rules, ``reflow`` checks the page does not scroll sideways
    (meant for a 320 px wide window); both collect their findings and time the checks.
    """

    axe: Axe | None = None
    reflow: bool = False
    findings: list[Finding] = field(default_factory=list)
    steps: int = 0
    seconds: float = 0.0

    def __call__(self, page, walkthrough, step, number: int) -> None:
        began = time.perf_counter()
        where = step_label(walkthrough, step, number, page)
        if self.axe is not None:
            self.findings += self.axe.findings(page, where)
        if self.reflow:
            self.findings += overflow_findings(page, where)
        self.steps += 1
        self.seconds += time.perf_counter() - began


def report(findings: list[Finding], title: str = "") -> str:
    """Findings grouped by rule and element, each with the steps where it shows."""
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.key, []).append(finding)
    lines = [title or f"{len(groups)} problème(s) d'accessibilité :"]
    for (rule, target, html), same in groups.items():
        first = same[0]
        impact = f" ({first.impact})" if first.impact else ""
        lines += [f"- règle {rule}{impact} : {first.help}", f"  élément : {target}"]
        if html:
            lines.append(f"  code : {html}")
        if first.detail:
            lines.append(f"  à corriger : {first.detail[:400]}")
        if first.url:
            lines.append(f"  aide : {first.url}")
        steps = list(dict.fromkeys(f.where for f in same))
        lines.append(
            f"  vu {len(steps)} fois : "
            + " ; ".join(steps[:6])
            + (" ; …" if len(steps) > 6 else "")
        )
    return "\n".join(lines)
