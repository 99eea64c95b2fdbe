"""Where each named thing sits in a capture: the layout, committed beside the PNG.

The words of a screen (the aria snapshot) do not depend on the rasteriser, and neither do
the boxes the layout engine gives its elements: a button's place and size come from the CSS
and the fonts' metrics, not from how Chromium shades its edges. So the boxes of the elements
a reader sees and names — headings, buttons, links, fields, paragraphs, list items, images,
landmarks, anything with a role or an ``aria-label``, and any other element holding words of
its own (a notice, a bold word) — in the captured block, relative to the
block's corner, in whole CSS pixels, are written to ``NN-<step>.layout.yml`` and compared on
any Chromium: a hidden element is missing, a moved or resized one has another box. Each box
is allowed ``TOLERANCE_PX`` either way, so that a text whose width moves by a fraction of a
pixel between two Chromium versions does not fail while a 10 px shift does.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".layout.yml"
TOLERANCE_PX = 3  # CSS pixels an edge may move (sub-pixel text metrics, rounding) — never 10
HEADER = "# Généré par « python -m walkthroughs » : rôle, nom, [x, y, largeur, hauteur] en px CSS depuis le coin de la capture.\n"

# The elements a reader can point at, by their role (native or ARIA) or their name.
_BOXES = """([clip, limit]) => {
  clip = clip || {x: window.scrollX, y: window.scrollY, width: innerWidth, height: innerHeight};
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, img, svg[role], "
    + "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, label, legend, caption, figcaption, pre, blockquote, "
    + "table, ul, ol, dl, form, fieldset, section, article, aside, nav, header, footer, main, dialog, "
    + "[role], [aria-label], [aria-labelledby]";
  const implicit = {A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox", SUMMARY: "summary",
    IMG: "img", H1: "heading", H2: "heading", H3: "heading", H4: "heading", H5: "heading", H6: "heading",
    P: "paragraph", LI: "listitem", DT: "term", DD: "definition", TH: "columnheader", TD: "cell",
    LABEL: "label", LEGEND: "legend", CAPTION: "caption", FIGCAPTION: "caption", PRE: "code",
    BLOCKQUOTE: "blockquote", TABLE: "table", UL: "list", OL: "list", DL: "list", FORM: "form",
    FIELDSET: "group", SECTION: "region", ARTICLE: "article", ASIDE: "complementary", NAV: "navigation",
    HEADER: "banner", FOOTER: "contentinfo", MAIN: "main", DIALOG: "dialog"};
  const inputs = {checkbox: "checkbox", radio: "radio", submit: "button", button: "button", reset: "button",
    range: "slider", number: "spinbutton", search: "searchbox"};
  const squash = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const named = (el) => {
    const labelled = el.getAttribute("aria-labelledby");
    if (labelled) {
      return squash(labelled.split(/\\s+/).map((id) => document.getElementById(id)?.textContent || "").join(" "));
    }
    if (el.getAttribute("aria-label")) { return squash(el.getAttribute("aria-label")); }
    if (el.tagName === "IMG") { return squash(el.getAttribute("alt")); }
    if (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA") {
      if (["submit", "button", "reset"].includes(el.type)) { return squash(el.value); }
      return squash(el.labels && el.labels[0] ? el.labels[0].textContent : el.getAttribute("placeholder"));
    }
    if (["UL", "OL", "DL", "TABLE", "FORM", "MAIN", "HEADER", "FOOTER", "NAV", "SECTION", "ARTICLE", "ASIDE", "FIELDSET", "DIALOG"].includes(el.tagName)) {
      return "";
    }
    return squash(el.innerText);
  };
  const found = [];
  const ownText = (el) => squash(Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(" "));
  for (const el of document.body.querySelectorAll("*")) {
    const pointed = el.matches(selector);
    if (!pointed && (["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(el.tagName) || !ownText(el))) { continue; }
    if (el.closest("[aria-hidden=true]")) { continue; }
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) { continue; }
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) { continue; }
    const x = box.left + window.scrollX - clip.x, y = box.top + window.scrollY - clip.y;
    if (x >= clip.width || y >= clip.height || x + box.width <= 0 || y + box.height <= 0) { continue; }
    const role = el.getAttribute("role") || (el.tagName === "INPUT" ? (inputs[el.type] || "textbox") : implicit[el.tagName]) || el.tagName.toLowerCase();
    let name = pointed ? named(el) : ownText(el);
    if (name.length > limit) { name = name.slice(0, limit - 1) + "…"; }
    found.push([role, name, [Math.round(x), Math.round(y), Math.round(box.width), Math.round(box.height)]]);
  }
  return found;
}"""
NAME_LIMIT = 60  # characters of a name kept: enough to tell two elements apart


@dataclass(frozen=True)
class Box:
    role: str
    name: str
    box: tuple[int, int, int, int]

    @property
    def label(self) -> str:
        return f"{self.role} « {self.name} »" if self.name else self.role


def measure(page, clip: dict | None, then: tuple[str, object] | None = None) -> list[Box]:
    """The boxes in the captured block; ``clip`` as framing.region's (None: the window).
    ``then``: a page function and its argument, run in the same round trip once the boxes are
    read (the runner removes the picture's marker and outline so)."""
    script = f"([boxesArg, thenArg]) => ({_BOXES})(boxesArg)"
    if then is not None:
        script = f"""([boxesArg, thenArg]) => {{
            const boxes = ({_BOXES})(boxesArg); ({then[0]})(thenArg); return boxes; }}"""
    found = page.evaluate(script, [[clip, NAME_LIMIT], then[1] if then else None])
    return [Box(role, name, tuple(box)) for role, name, box in found]


def text(boxes: list[Box]) -> str:
    """One line an element, in document order: diffable in a review."""
    lines = [HEADER]
    for b in boxes:
        lines.append(
            f"- [{json.dumps(b.role)}, {json.dumps(b.name, ensure_ascii=False)}, "
            f"[{', '.join(str(v) for v in b.box)}]]\n"
        )
    return "".join(lines)


def write(page, image: Path, clip: dict | None, then: tuple[str, object] | None = None) -> Path:
    path = image.with_name(image.stem + SUFFIX)
    path.write_text(text(measure(page, clip, then)), encoding="utf-8")
    return path


def read(path: Path) -> list[Box]:
    boxes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            role, name, box = json.loads(line[2:])
            boxes.append(Box(role, name, tuple(box)))
    return boxes


def _moved(before: tuple, after: tuple) -> str:
    (x0, y0, w0, h0), (x1, y1, w1, h1) = before, after
    said = []
    if abs(x1 - x0) > TOLERANCE_PX or abs(y1 - y0) > TOLERANCE_PX:
        said.append(f"déplacé de {x1 - x0:+d} px en x, {y1 - y0:+d} px en y")
    if abs(w1 - w0) > TOLERANCE_PX or abs(h1 - h0) > TOLERANCE_PX:
        said.append(f"{w0}×{h0} devenu {w1}×{h1}")
    return ", ".join(said)


def changes(committed: list[Box], fresh: list[Box], shown_at_most: int = 5) -> list[str]:
    """What moved, appeared or went, in French; empty when every box is within tolerance."""
    said: list[str] = []
    keys = lambda boxes: [(b.role, b.name) for b in boxes]  # noqa: E731
    matcher = difflib.SequenceMatcher(a=keys(committed), b=keys(fresh), autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for before, after in zip(committed[a0:a1], fresh[b0:b1], strict=True):
                moved = _moved(before.box, after.box)
                if moved:
                    said.append(f"{after.label} {moved}")
            continue
        said += [f"{b.label} a disparu" for b in committed[a0:a1]]
        said += [f"{b.label} est apparu" for b in fresh[b0:b1]]
    if len(said) > shown_at_most:
        said = [*said[:shown_at_most], f"et {len(said) - shown_at_most} autre(s)"]
    return said
