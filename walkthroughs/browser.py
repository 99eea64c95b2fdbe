"""How to launch Chromium on this kind of machine (see ../shared/TOOLCHAIN.md).

Debian's Chromium is used when present (Playwright cannot download its own browser here), its
headless shell first (``chromium-headless-shell``, see ``chromium_executable``); elsewhere
Playwright's own build, installed by ``playwright install chromium``. As root,
headless Chromium needs ``--no-sandbox``, and the background-networking flags keep it from
knocking on a closed network at every start.
"""

from __future__ import annotations

from simulator.procedures.sheet_job import chromium_executable

# How text is rasterised: part of what drew the captures (walkthroughs/environment.py). With
# subpixel positioning on, one page in ten or twenty drew its glyphs a fraction of a pixel
# lower than the others, the layout unchanged (onegov-2fa-interdite/01: 1,905 pixels, twice
# CI's failure; 0 flips in 60 replays without it, 6 in 60 with it). Whole-pixel glyph
# positions draw the same page the same way every time.
TEXT_RENDERING = ["--font-render-hinting=none", "--disable-font-subpixel-positioning"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    *TEXT_RENDERING,
]

VIEWPORT = {"width": 1280, "height": 800}
CONTEXT_ARGS = {
    "viewport": VIEWPORT,
    "locale": "fr-FR",
    "timezone_id": "Europe/Paris",
    "device_scale_factor": 1,
}


def launch_args() -> dict:
    args: dict = {"args": CHROMIUM_ARGS, "headless": True}
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    return args
