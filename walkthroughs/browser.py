"""How to launch Chromium on this kind of machine (see ../shared/TOOLCHAIN.md).

Debian's Chromium is used when present (Playwright cannot download its own browser here);
elsewhere Playwright's own build, installed by ``playwright install chromium``. As root,
headless Chromium needs ``--no-sandbox``, and the background-networking flags keep it from
knocking on a closed network at every start.
"""

from __future__ import annotations

from simulator.procedures.sheet_job import chromium_executable

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--font-render-hinting=none",
    "--hide-scrollbars",
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
