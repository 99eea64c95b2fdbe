"""The guide says on every page that it describes a simulator: built alone (`make site`) and
built for the simulator, which serves it under /guide/ beneath the same training banner as
its own pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import create_app
from tests.conftest import make_test_config
from walkthroughs.browser import CONTEXT_ARGS

ROOT = Path(__file__).resolve().parents[2]
BANNER = re.compile(
    r'<p class="training-banner" data-testid="guide-banner">\s*<strong>Simulateur de formation'
    r"</strong> — ce guide décrit un simulateur"
)


def _build(site: Path, **env: str) -> Path:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("SIM_")},
            "NO_MKDOCS_2_WARNING": "1",
            **env,
        },
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def served_guide(tmp_path_factory) -> Path:
    """As `make serve` builds it."""
    return _build(tmp_path_factory.mktemp("served") / "site", SIM_GUIDE_IN_SANDBOX="1")


@pytest.mark.docs
@pytest.mark.parametrize("build", ["make site", "make serve"])
def test_every_page_of_the_guide_says_it_describes_a_simulator(tmp_path, served_guide, build):
    site = served_guide if build == "make serve" else _build(tmp_path / "site")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    missing = [str(p.relative_to(site)) for p in pages if len(BANNER.findall(p.read_text())) != 1]
    assert missing == []


@pytest.mark.docs
@pytest.mark.browser
def test_the_guide_served_by_the_simulator_is_under_the_training_banner(
    served_guide, tmp_path, browser
):
    """GET /guide/… as a trainee opens it from the sandbox bar: the banner first on the page,
    visible, in the sandbox's colours, readable in a 320 px window."""
    import threading

    from werkzeug.serving import make_server

    app = create_app(make_test_config(tmp_path, GUIDE_DIR=str(served_guide)))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(**CONTEXT_ARGS)
    try:
        page = context.new_page()
        for path in ("/guide/", "/guide/pigp/", "/guide/formateurs/", "/guide/nulle-part"):
            response = page.goto(f"http://127.0.0.1:{server.server_port}{path}")
            assert response.status == (404 if "nulle" in path else 200), path
            if "nulle" in path:  # the simulator's own 404 page
                continue
            banner = page.get_by_test_id("guide-banner")
            assert banner.is_visible(), path
            assert banner.inner_text().startswith("Simulateur de formation — ce guide décrit")
            box = banner.bounding_box()
            assert box["y"] < 40, (path, box)  # above Material's header, at the top
            colour = banner.evaluate("e => getComputedStyle(e.closest('.md-banner')).color")
            assert colour == "rgb(43, 33, 0)", colour
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        sandbox_banner = page.locator(".training-banner").inner_text()
        assert sandbox_banner.startswith("Simulateur de formation — aucune donnée réelle")
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(f"http://127.0.0.1:{server.server_port}/guide/pigp/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
        server.shutdown()
        app.extensions["sim.db"].dispose()
