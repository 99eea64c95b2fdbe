"""What a step's picture shows: the part of the screen the step is about, sharp and numbered.

A whole 1280×800 window shrunk into the guide's text column makes words too small to read
and leaves half the picture empty. So, by default, a step's picture is the portal's content
region around its target — the nearest card, article or named region of ``main`` that holds
it (the login form with its heading, the open message, the authenticator's screen) — taken
at a device scale factor of 2, with the target outlined and a marker bearing the step's
number, the number the text gives it. ``shot: page`` keeps the whole window, for a step whose
point is the sandbox bar or the tab beside the portal; so does a step that opens a tab of its
own (the mailbox beside the portal: the reader must see it is another tab), and one whose
target is outside ``main`` (the bar's « Messagerie », the recorder's « Terminer »).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

SCALE = 2  # device pixels per CSS pixel in the captures
MARGIN = 16  # CSS pixels of page around the region
MARKER = "sim-step-marker"
MIN_WIDTH, MIN_HEIGHT = 280, 90  # a smaller ancestor (a field, a button row) is not a region yet

# The region: from the target's parent up to the first ancestor inside main that reads as a block of
# its own; when the target is not in main, null (the whole window is shown). The clip is that
# block with a margin of page around it — all of the margin or none: a margin cut to what main
# has left followed main's edge, which the window's height and the bar moved by a pixel
# (onegov-2fa-interdite/01 was 1152×646 alone and 1152×648 after other walkthroughs) — in whole
# CSS pixels, the size rounded on its own (a block that sits a fraction of a pixel lower, a
# badge in the sandbox bar above it, keeps its picture's size), halves to even as Python did.
_REGION = """([target, minWidth, minHeight, margin]) => {
  const main = document.querySelector("main");
  if (!main) { return null; }
  const blocks = "section, article, aside, dialog, fieldset, form, [role=region], [role=dialog], .card, .device";
  if (target && !main.contains(target)) { return null; }
  let element = target ? target.parentElement : null;  // around the target, even a region
  let chosen = null;
  while (element && element !== main) {
    if (element.matches(blocks)) {
      const box = element.getBoundingClientRect();
      if (box.width >= minWidth && box.height >= minHeight) {
        chosen = element;
        if (element.matches("section, article, .card, .device, [role=region], dialog")) { break; }
      }
    }
    element = element.parentElement;
  }
  const page = (b) => ({x: b.left + window.scrollX, y: b.top + window.scrollY, width: b.width, height: b.height});
  const box = page((chosen || main).getBoundingClientRect()), room = page(main.getBoundingClientRect());
  const all = (slack) => slack >= margin ? margin : 0;  // the margin stays inside main
  const even = (x) => { const f = Math.floor(x), d = x - f; return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 ? f + 1 : f; };
  const left = box.x - all(box.x - room.x), top = box.y - all(box.y - room.y);
  let right = box.x + box.width, bottom = box.y + box.height;
  right += all(room.x + room.width - right);
  bottom += all(room.y + room.height - bottom);
  return {x: even(left), y: even(top), width: even(right - left), height: even(bottom - top)};
}"""

# The numbered marker, just left of the target, level with its first line (never over its
# words); on the target's top-left corner when the picture has no room on the left; always
# inside the picture (the clip, or the window when the picture is the window). Hidden from assistive technology and
# removed before the words of the screen are read.
_ADD_MARKER = """([target, number, name, clip]) => {
  const box = target.getBoundingClientRect(), size = 26, gap = 6, inset = 2;
  const area = clip || {x: window.scrollX, y: window.scrollY, width: window.innerWidth, height: window.innerHeight};
  const minX = area.x + inset, maxX = area.x + area.width - size - inset;
  const minY = area.y + inset, maxY = area.y + area.height - size - inset;
  // Beside the target on its left; without room there (a button at the block's edge), on the
  // target's own top-left corner: on its right it covered the next button's first letters.
  let left = box.left + window.scrollX - size - gap;
  let top = box.top + window.scrollY + Math.min(box.height / 2, 18) - size / 2;
  if (left < minX) {
    left = box.left + window.scrollX - size / 2;
    top = box.top + window.scrollY - size / 2;
  }
  left = Math.max(minX, Math.min(left, maxX));
  top = Math.max(minY, Math.min(top, maxY));
  const marker = document.createElement("span");
  marker.className = name;
  marker.setAttribute("aria-hidden", "true");
  marker.textContent = String(number);
  Object.assign(marker.style, {
    position: "absolute", zIndex: "2147483647", left: left + "px", top: top + "px",
    width: size + "px", height: size + "px", borderRadius: "50%",
    background: "#c62f25", color: "#fff", font: "bold 15px/26px sans-serif", textAlign: "center",
    boxShadow: "0 0 0 2px #fff", pointerEvents: "none",
  });
  document.body.appendChild(marker);
}"""


def region(page, target, whole_window: bool) -> dict | None:
    """The clip (page coordinates, CSS pixels) of the step's picture; None for the window."""
    if whole_window:
        return None
    handle = target.element_handle() if target is not None else None
    return page.evaluate(_REGION, [handle, MIN_WIDTH, MIN_HEIGHT, MARGIN])


def outline_and_region(
    target,
    outline: str | None,
    whole_window: bool,
    number: int | None = None,
    timeout_ms: float | None = None,
) -> dict | None:
    """In one round trip to the page (where four cost a step 40 ms): the target scrolled into
    view (centred: Chromium's scroll-if-needed, as Playwright's without its waits for two
    stable frames) and given the ``outline`` class, unless None; the clip of :func:`region`;
    and, given a ``number``, the marker of :func:`mark` inside that clip."""
    return target.evaluate(
        f"""(el, [minWidth, minHeight, margin, outline, whole, number, marker]) => {{
            if (outline) {{ el.scrollIntoViewIfNeeded(true); el.classList.add(outline); }}
            const clip = whole ? null : ({_REGION})([el, minWidth, minHeight, margin]);
            if (number !== null) ({_ADD_MARKER})([el, number, marker, clip]);
            return clip;
        }}""",
        [MIN_WIDTH, MIN_HEIGHT, MARGIN, outline, whole_window, number, MARKER],
        timeout=timeout_ms,
    )


def mark(target, number: int, clip: dict | None = None) -> None:
    """The step's number beside its target, inside ``clip`` (the picture; None: the window)."""
    target.evaluate(f"(el, clip) => ({_ADD_MARKER})([el, {number}, '{MARKER}', clip])", clip)


# the markers removed, and the ``outline`` class where one is given
_UNMARK = """([marker, outline]) => {
  document.querySelectorAll('.' + marker).forEach(m => m.remove());
  if (outline) document.querySelectorAll('.' + outline).forEach(e => e.classList.remove(outline));
}"""


def unmark(page, outline: str | None = None) -> None:
    """The markers removed, and the ``outline`` class where one was given."""
    page.evaluate(_UNMARK, unmarking(outline)[1])


def unmarking(outline: str | None = None) -> tuple[str, list]:
    """:func:`unmark` as a page function and its argument, to run within another round trip
    (layout.measure's ``then``)."""
    return _UNMARK, [MARKER, outline]


def shoot(page, path: Path, clip: dict | None) -> None:
    """The picture, then its PNG recompressed (the same pixels, fewer bytes in git)."""
    if clip is None:
        page.screenshot(path=str(path), animations="disabled", caret="hide")
    else:
        page.screenshot(
            path=str(path), animations="disabled", caret="hide", full_page=True, clip=clip
        )
    optimise(path)


def css_width(path: Path) -> int:
    """The picture's width on screen: the guide shows it at the size the reader saw it (half its
    pixels), never wider than the text column (docs/stylesheets/extra.css)."""
    with Image.open(path) as image:
        return round(image.width / SCALE)


def optimise(path: Path) -> None:
    """256 colours without dithering: screens are flat colours and anti-aliased text, which a
    median-cut palette keeps legible at 40 % of the bytes; the same screen gives the same file."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, format="PNG", optimize=True
    )
