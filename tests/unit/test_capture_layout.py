"""The renderer-independent witnesses of a capture: the layout's comparison, and the pixel
tolerance between two Chromium versions (walkthroughs/layout.py, walkthroughs/compare.py)."""

from __future__ import annotations

import numpy as np

from walkthroughs import compare, layout
from walkthroughs.layout import Box
from walkthroughs.pixels import PixelDiff

BUTTON = Box("button", "Valider", (25, 393, 86, 41))
HELP = Box("paragraph", "Vérifiez vos courriers indésirables", (25, 509, 678, 21))


def test_boxes_within_a_few_pixels_are_the_same_layout():
    nudged = Box("button", "Valider", (26, 395, 88, 40))
    assert layout.changes([BUTTON, HELP], [nudged, HELP]) == []


def test_a_moved_a_resized_and_a_hidden_element_are_named():
    moved = Box("button", "Valider", (25, 403, 86, 41))
    wider = Box("paragraph", HELP.name, (25, 509, 600, 21))
    assert layout.changes([BUTTON, HELP], [moved, wider]) == [
        "button « Valider » déplacé de +0 px en x, +10 px en y",
        f"paragraph « {HELP.name} » 678×21 devenu 600×21",
    ]
    assert layout.changes([BUTTON, HELP], [BUTTON]) == [f"paragraph « {HELP.name} » a disparu"]


def test_the_layout_file_reads_back_what_was_written(tmp_path):
    path = tmp_path / f"01-x{layout.SUFFIX}"
    path.write_text(layout.text([BUTTON, Box("heading", 'Dit « "oui" » : 2', (0, 0, 5, 5))]))
    assert layout.read(path) == [BUTTON, Box("heading", 'Dit « "oui" » : 2', (0, 0, 5, 5))]


def _diff(*boxes) -> PixelDiff:
    mask = np.zeros((800, 1400), dtype=bool)
    for left, top, width, height in boxes:
        mask[top : top + height, left : left + width] = True
    return PixelDiff(mask, np.zeros_like(mask))


def test_another_renderer_may_redraw_a_radio_ring_but_not_recolour_a_button():
    ring = _diff((82, 728, 19, 9), (113, 728, 19, 9), (82, 768, 19, 9), (113, 768, 19, 9))
    assert ring.count == 684  # as the 150 → 156 radio (672 pixels in four 19 × 19 corners)
    assert compare._beyond_tolerance(ring, same_renderer=False) is None
    assert compare._beyond_tolerance(ring, same_renderer=True) == "684"
    word = _diff((300, 100, 120, 6))  # a short word recoloured: few pixels, one wide group
    assert word.count < compare.CROSS_RENDERER_MAX_PIXELS
    assert "zone de 120 × 6" in compare._beyond_tolerance(word, same_renderer=False)
    button = _diff((50, 400, 172, 82))  # a button recoloured: 14,104 pixels
    assert "1500 tolérés" in compare._beyond_tolerance(button, same_renderer=False)
