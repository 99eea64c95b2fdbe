"""A step's picture is the block of the page around its target, with a numbered marker that
never reaches the words of the screen (walkthroughs/framing.py)."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from walkthroughs import framing

pytestmark = pytest.mark.browser


def test_the_region_is_the_card_around_the_target_not_the_window(page):
    page.goto("/pigp/connexion")
    button = page.get_by_role("button", name="Connexion")
    clip = framing.region(page, button, whole_window=False)
    card = (
        page.get_by_role("heading", name="Connexion")
        .locator("xpath=ancestor::section[1]")
        .bounding_box()
    )
    target = button.bounding_box()
    assert clip["width"] < 1280 and clip["height"] < page.viewport_size["height"]
    assert clip["x"] <= card["x"] and clip["x"] + clip["width"] >= card["x"] + card["width"]
    assert clip["y"] <= target["y"] and clip["y"] + clip["height"] >= target["y"] + target["height"]


def test_a_target_outside_main_or_a_page_shot_shows_the_whole_window(page):
    bar_link = page.get_by_role("navigation", name="Bac à sable").get_by_role(
        "link", name=re.compile("^Messagerie")
    )
    assert framing.region(page, bar_link, whole_window=False) is None
    page.goto("/pigp/connexion")
    assert (
        framing.region(page, page.get_by_role("button", name="Connexion"), whole_window=True)
        is None
    )


def test_the_marker_bears_the_step_number_beside_the_target_and_leaves_no_trace(page):
    page.goto("/pigp/connexion")
    button = page.get_by_role("button", name="Connexion")
    before = page.locator("main").aria_snapshot()
    framing.mark(button, 3)
    marker = page.locator(f".{framing.MARKER}")
    assert marker.inner_text() == "3" and marker.get_attribute("aria-hidden") == "true"
    assert marker.bounding_box()["x"] + marker.bounding_box()["width"] <= button.bounding_box()["x"]
    framing.unmark(page)
    assert marker.count() == 0 and page.locator("main").aria_snapshot() == before


@pytest.mark.parametrize("below", ["0px", "0.4px", "1.3px", "3px"])
def test_a_block_at_the_bottom_of_main_keeps_its_picture_size(browser, below):
    """A block that ends where main ends: its picture followed main's edge, which moved by a
    pixel with the window and the bar (« 1152×646 devenue 1152×648 »)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_content(
        f"""<main style="margin:0;padding:40px 40px {below}"><section
        style="width:400px;height:300.6px"><button>Valider</button></section></main>"""
    )
    clip = framing.region(page, page.get_by_role("button", name="Valider"), whole_window=False)
    assert (clip["width"], clip["height"]) == (round(400 + 2 * framing.MARGIN), 317)
    page.close()


def test_without_room_on_the_left_the_marker_sits_on_the_target_s_corner_not_its_neighbour(
    browser,
):
    """« Finaliser » at the block's left edge, « Annuler » beside it: the number sat on
    « Annuler », which read « nnuler » in the guide. It straddles the target's top-left corner."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_content(
        """<main style="margin:0;padding:40px"><section style="padding:0">
        <input aria-label="Code" style="display:block;margin-bottom:14px">
        <button style="padding:8px 16px">Finaliser</button>
        <button style="padding:8px 16px">Annuler</button></section></main>"""
    )
    target = page.get_by_role("button", name="Finaliser")
    neighbour = page.get_by_role("button", name="Annuler").bounding_box()
    box = target.bounding_box()
    # the picture leaves the page's usual margin on the left of the block
    clip = {"x": box["x"] - framing.MARGIN, "y": box["y"] - 60, "width": 600, "height": 160}
    framing.mark(target, 9, clip)
    marker = page.locator(f".{framing.MARKER}").bounding_box()
    assert marker["x"] + marker["width"] <= neighbour["x"]
    assert marker["x"] < box["x"] < marker["x"] + marker["width"]  # on the corner
    assert marker["y"] < box["y"] < marker["y"] + marker["height"]
    assert marker["x"] >= clip["x"] and marker["y"] >= clip["y"]  # inside the picture
    page.close()


def test_the_picture_is_the_clip_and_the_guide_shows_it_at_its_css_width(page, tmp_path):
    page.goto("/pigp/connexion")
    clip = framing.region(page, page.get_by_role("button", name="Connexion"), whole_window=False)
    path = tmp_path / "shot.png"
    framing.shoot(page, path, clip)
    with Image.open(path) as image:
        assert (
            image.mode == "P" and abs(image.width - clip["width"]) <= 1
        )  # this page: 1 pixel a CSS pixel
    assert framing.css_width(path) == round(image.width / framing.SCALE)


def test_the_outline_of_an_authenticator_entry_is_not_cut_by_the_phone_screen(page):
    """The phone's screen clips what overflows it (rounded corners): an outline drawn outside
    an entry that spans the screen was cut on both sides in every authenticator capture."""
    page.goto("/authentificateur/")
    page.get_by_text("Saisir une clé de configuration").click()
    add = page.get_by_test_id("add-by-key")
    add.get_by_label("Nom du service").fill("Essai")
    add.get_by_label("Clé").fill("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    add.get_by_role("button", name="Ajouter").click()
    # measured once the page's styles apply: on a busy CI the click returned while the next
    # page still loaded its stylesheet, and the boxes were the unstyled ones (body margin 8 px)
    page.wait_for_load_state("load")
    entry = page.get_by_test_id("otp-entry").first
    entry.evaluate("el => el.classList.add('sim-highlight')")
    reach = entry.evaluate("""el => { const s = getComputedStyle(el);
        return parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth); }""")
    box, screen = entry.bounding_box(), page.locator(".device-screen").bounding_box()
    assert box["x"] - reach >= screen["x"] - 0.5
    assert box["x"] + box["width"] + reach <= screen["x"] + screen["width"] + 0.5


@pytest.mark.parametrize("offset", ["10px", "10.3px", "10.5px", "10.8px"])
def test_the_picture_size_is_the_block_size_wherever_the_block_sits(browser, tmp_path, offset):
    """What sits above the block (a counter badge in the sandbox bar, a line of another height)
    moves it by a fraction of a pixel: the picture must keep its size, or a replay elsewhere
    reports « taille 1152×646 devenue 1152×644 » for a screen whose words did not change."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_content(
        f"""<main style="margin:0;padding:0"><div style="height:{offset}"></div>
        <section style="width:400.4px;height:300.6px;margin:30px"><button>Valider</button></section>
        <div style="height:200px"></div></main>"""
    )
    clip = framing.region(page, page.get_by_role("button", name="Valider"), whole_window=False)
    path = tmp_path / "shot.png"
    framing.shoot(page, path, clip)
    with Image.open(path) as image:
        assert image.size == (round(400.4 + 2 * framing.MARGIN), round(300.6 + 2 * framing.MARGIN))


@pytest.mark.parametrize("width", [1280, 390])
def test_the_marker_is_always_inside_the_picture(page, width):
    """A target flush with its block's left edge (a field at phone width, a heading) has no
    room for the marker on its left: the marker moves right of it, or inside, never cut."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/pigp/connexion")
    for target in (
        page.get_by_label("Identifiant"),
        page.get_by_role("heading", name="Connexion"),
        page.get_by_role("button", name="Connexion"),
    ):
        for whole_window in (False, True):
            clip = framing.region(page, target, whole_window=whole_window)
            framing.mark(target, 2, clip)
            box = page.locator(f".{framing.MARKER}").bounding_box()  # viewport coordinates
            scroll = page.evaluate("[window.scrollX, window.scrollY]")
            area = clip or {"x": scroll[0], "y": scroll[1], "width": width, "height": 844}
            left, top = box["x"] + scroll[0], box["y"] + scroll[1]
            assert area["x"] <= left and left + box["width"] <= area["x"] + area["width"], target
            assert area["y"] <= top and top + box["height"] <= area["y"] + area["height"], target
            framing.unmark(page)
