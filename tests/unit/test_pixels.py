"""The numpy comparison counts exactly what pixelmatch (the reference) counts."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter
from pixelmatch.contrib.PIL import pixelmatch

from walkthroughs import pixels
from walkthroughs.compare import MAX_DIFFERENT_PIXELS


def _screen() -> Image.Image:
    """A small page: a heading, a button, a field, text with anti-aliased edges."""
    image = Image.new("RGB", (240, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 8), "Code de connexion", fill=(20, 20, 20))
    draw.rounded_rectangle((10, 60, 90, 84), 5, fill=(59, 79, 107))
    draw.text((26, 66), "Valider", fill="white")
    draw.rectangle((10, 30, 150, 50), outline=(120, 120, 120))
    draw.ellipse((180, 20, 220, 60), outline=(40, 90, 160), width=2)
    return image


def _mutations() -> dict[str, Image.Image]:
    base = _screen()
    renamed = base.copy()
    ImageDraw.Draw(renamed).rounded_rectangle((10, 60, 90, 84), 5, fill=(59, 79, 107))
    ImageDraw.Draw(renamed).text((26, 66), "Validez", fill="white")
    digit = base.copy()
    ImageDraw.Draw(digit).text((10, 100), "8", fill=(20, 20, 20))
    colour = base.copy()
    ImageDraw.Draw(colour).rounded_rectangle((10, 60, 90, 84), 5, fill=(176, 65, 62))
    blurred = base.filter(ImageFilter.SMOOTH)  # edges re-rasterised: anti-aliasing everywhere
    faint = base.copy()
    ImageDraw.Draw(faint).point((200, 100), fill=(250, 250, 250))  # under the threshold
    return {
        "renamed": renamed,
        "digit": digit,
        "colour": colour,
        "blurred": blurred,
        "faint": faint,
    }


@pytest.mark.parametrize("name", list(_mutations()))
def test_same_count_as_pixelmatch(name):
    base, other = _screen(), _mutations()[name]
    result = pixels.compare(np.asarray(base), np.asarray(other), 0.1)
    assert result.count == pixelmatch(base, other, threshold=0.1)


def test_identical_images_have_no_difference():
    base = np.asarray(_screen())
    assert pixels.compare(base, base.copy()).count == 0


def test_a_word_changed_counts_and_a_faint_pixel_does_not():
    base, changed = _screen(), _mutations()
    assert (
        pixels.compare(np.asarray(base), np.asarray(changed["renamed"])).count
        > MAX_DIFFERENT_PIXELS
    )
    assert (
        pixels.compare(np.asarray(base), np.asarray(changed["digit"])).count > MAX_DIFFERENT_PIXELS
    )
    assert pixels.compare(np.asarray(base), np.asarray(changed["faint"])).count == 0


def test_the_difference_picture_marks_changes_in_red():
    base, other = np.asarray(_screen()), np.asarray(_mutations()["colour"])
    result = pixels.compare(base, other)
    picture = pixels.diff_image(other, result)
    assert (picture[result.different] == (255, 0, 0)).all()
    assert picture.shape == other.shape


def test_a_new_chromium_or_font_is_said_first():
    from walkthroughs.environment import changes

    committed = {"chromium": "156.0.8078.114", "fonts": {"fonts-dejavu-core": "2.37-6"}}
    now = {"chromium": "158.0.1.2", "fonts": {"fonts-dejavu-core": "2.37-6", "fonts-noto": "1"}}
    assert changes(committed, now) == [
        "Chromium 156.0.8078.114 → 158.0.1.2",
        "police fonts-noto absente → 1",
    ]
    assert changes(committed, committed) == []
    assert "régénérez" in changes(None, now)[0]


def test_captures_drawn_with_other_text_flags_are_another_renderer():
    """Where glyphs fall depends on Chromium's text flags as much as on its version: captures
    drawn with subpixel positioning are not compared pixel for pixel with ones drawn without."""
    from walkthroughs.environment import changes, same_renderer

    drawn = {"chromium": "156.0.8078.114", "fonts": {}, "text": ["--font-render-hinting=none"]}
    now = {**drawn, "text": ["--font-render-hinting=none", "--disable-font-subpixel-positioning"]}
    assert not same_renderer(drawn, now)
    assert same_renderer(now, now)
    assert changes(drawn, now) == [
        "rendu du texte --font-render-hinting=none → --font-render-hinting=none"
        " --disable-font-subpixel-positioning"
    ]


def test_the_words_snapshot_keeps_link_targets_but_not_database_ids():
    """Which message a link opens depends on what the simulator served before (an xdist
    worker plays walkthroughs in its own order): the id is not part of the screen."""
    from walkthroughs.runner import stable_snapshot

    snapshot = (
        '- link "PIGP - Votre code de connexion":\n    - /url: /messagerie/message/37\n'
        '- link "Page suivante »":\n    - /url: /messagerie/?page=2\n'
        '- link "Suivi":\n    - /url: /formateur/classes/12/stagiaires\n- text: Code 123456'
    )
    assert stable_snapshot(snapshot) == (
        '- link "PIGP - Votre code de connexion":\n    - /url: /messagerie/message/…\n'
        '- link "Page suivante »":\n    - /url: /messagerie/?page=2\n'
        '- link "Suivi":\n    - /url: /formateur/classes/…/stagiaires\n- text: Code 123456\n'
    )
