"""pixelmatch's comparison (YIQ colour distance, anti-aliased pixels recognised), with numpy.

A capture must change when a word, a digit or a colour on screen changes, and must not when
the rasteriser shifts the grey of a glyph's edge. pixelmatch (Mapbox) draws that line well and
is what Playwright's ``toHaveScreenshot`` uses; its pure-Python port takes seconds per image,
so this is the same algorithm on whole arrays. Reference: mapbox/pixelmatch ``index.js``
(``colorDelta``, ``antialiased``, ``hasManySiblings``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_YIQ_DELTA = 35215  # the largest possible YIQ distance between two colours
# The eight neighbours in pixelmatch's loop order (x outer, y inner): ties go to the first.
_NEIGHBOURS = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if (dx, dy) != (0, 0)]


@dataclass(frozen=True)
class PixelDiff:
    different: np.ndarray  # bool mask: pixels that count as changed
    antialiased: np.ndarray  # bool mask: pixels that differ only by anti-aliasing

    @property
    def count(self) -> int:
        return int(self.different.sum())


def _yiq(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = r * 0.29889531 + g * 0.58662247 + b * 0.11448223
    i = r * 0.59597799 - g * 0.27417610 - b * 0.32180189
    q = r * 0.21147017 - g * 0.52261711 + b * 0.31114694
    return y, i, q


def _shifted(array: np.ndarray, dx: int, dy: int) -> tuple[np.ndarray, np.ndarray]:
    """array[y+dy, x+dx] at every (y, x), and where that neighbour exists."""
    height, width = array.shape[:2]
    out = np.zeros_like(array)
    valid = np.zeros((height, width), dtype=bool)
    ys, yd = slice(max(dy, 0), height + min(dy, 0)), slice(max(-dy, 0), height + min(-dy, 0))
    xs, xd = slice(max(dx, 0), width + min(dx, 0)), slice(max(-dx, 0), width + min(-dx, 0))
    out[yd, xd] = array[ys, xs]
    valid[yd, xd] = True
    return out, valid


def _edge(height: int, width: int) -> np.ndarray:
    edge = np.zeros((height, width), dtype=np.int8)
    edge[0, :] = edge[-1, :] = edge[:, 0] = edge[:, -1] = 1
    return edge


def _many_siblings(rgb: np.ndarray) -> np.ndarray:
    """More than two neighbours of exactly the same colour (edges count as one)."""
    zeroes = _edge(*rgb.shape[:2]).astype(np.int16)
    for dx, dy in _NEIGHBOURS:
        other, valid = _shifted(rgb, dx, dy)
        zeroes += valid & np.all(other == rgb, axis=-1)
    return zeroes > 2


def _antialiased(rgb: np.ndarray, other: np.ndarray, where: np.ndarray) -> np.ndarray:
    """pixelmatch's ``antialiased(img, x, y, img2)`` at every pixel of ``where``."""
    height, width = where.shape
    y, _, _ = _yiq(rgb)
    zeroes = _edge(height, width).astype(np.int16)
    deltas = np.zeros((len(_NEIGHBOURS), height, width))
    for k, (dx, dy) in enumerate(_NEIGHBOURS):
        neighbour, valid = _shifted(y, dx, dy)
        delta = np.where(valid, y - neighbour, 0.0)
        zeroes += valid & (delta == 0)
        deltas[k] = delta
    darkest, brightest = deltas.argmin(axis=0), deltas.argmax(axis=0)
    has_both = (deltas.min(axis=0) < 0) & (deltas.max(axis=0) > 0)
    siblings_here, siblings_there = _many_siblings(rgb), _many_siblings(other)
    rows, cols = np.indices((height, width))
    offsets = np.array(_NEIGHBOURS)

    def flat_sibling(choice: np.ndarray) -> np.ndarray:
        ny = np.clip(rows + offsets[choice, 1], 0, height - 1)
        nx = np.clip(cols + offsets[choice, 0], 0, width - 1)
        return siblings_here[ny, nx] & siblings_there[ny, nx]

    return where & (zeroes <= 2) & has_both & (flat_sibling(darkest) | flat_sibling(brightest))


def compare(expected: np.ndarray, actual: np.ndarray, threshold: float = 0.1) -> PixelDiff:
    """Two RGB images of one size (uint8 arrays); ``threshold`` as pixelmatch's (0..1)."""
    a, b = expected.astype(np.float64), actual.astype(np.float64)
    shape = expected.shape[:2]
    nothing = np.zeros(shape, dtype=bool)
    if np.array_equal(expected, actual):
        return PixelDiff(nothing, nothing)
    y1, i1, q1 = _yiq(a)
    y2, i2, q2 = _yiq(b)
    delta = 0.5053 * (y1 - y2) ** 2 + 0.299 * (i1 - i2) ** 2 + 0.1957 * (q1 - q2) ** 2
    candidates = delta > MAX_YIQ_DELTA * threshold * threshold
    if not candidates.any():
        return PixelDiff(nothing, nothing)
    # Only the candidates' surroundings matter (a neighbour's neighbours: 2 px); work there.
    rows, cols = np.nonzero(candidates)
    top, bottom = max(rows.min() - 3, 0), min(rows.max() + 4, shape[0])
    left, right = max(cols.min() - 3, 0), min(cols.max() + 4, shape[1])
    window = (slice(top, bottom), slice(left, right))
    near = candidates[window]
    aa = _antialiased(expected[window], actual[window], near) | _antialiased(
        actual[window], expected[window], near
    )
    different, antialiased = nothing.copy(), nothing.copy()
    different[window] = near & ~aa
    antialiased[window] = near & aa
    return PixelDiff(different, antialiased)


def clusters(mask: np.ndarray, gap: int) -> list[tuple[int, int, int, int]]:
    """The bounding boxes (left, top, width, height) of the groups of changed pixels, two
    pixels belonging to one group when at most ``gap`` pixels apart: the letters of a word join
    into one group, a radio's ring stays one small group. For the few pixels a tolerance lets
    through (a walk over them, not over the picture)."""
    points = {(int(y), int(x)) for y, x in zip(*np.nonzero(mask), strict=True)}
    boxes = []
    while points:
        waiting = [points.pop()]
        top = bottom = waiting[0][0]
        left = right = waiting[0][1]
        while waiting:
            y, x = waiting.pop()
            top, bottom, left, right = min(top, y), max(bottom, y), min(left, x), max(right, x)
            near = [
                (y + dy, x + dx)
                for dy in range(-gap, gap + 1)
                for dx in range(-gap, gap + 1)
                if (y + dy, x + dx) in points
            ]
            for point in near:
                points.discard(point)
            waiting += near
        boxes.append((left, top, right - left + 1, bottom - top + 1))
    return boxes


def diff_image(actual: np.ndarray, result: PixelDiff) -> np.ndarray:
    """pixelmatch's picture: the new screen faded, changes in red, anti-aliasing in yellow."""
    y, _, _ = _yiq(actual.astype(np.float64))
    faded = (255 + (y - 255) * 0.1).clip(0, 255).astype(np.uint8)
    out = np.repeat(faded[..., None], 3, axis=-1)
    out[result.antialiased] = (255, 255, 0)
    out[result.different] = (255, 0, 0)
    return out
