"""Every page of the built guide passes axe-core (WCAG 2.0/2.1/2.2 A and AA), search open too.

The guide is built as `make serve` builds it (with its « Essayer dans le bac à sable » buttons
and the header's « Retour au bac à sable », which a guide built alone lacks), into a temporary
folder, and served over HTTP (Material's search needs it), so the audit sees exactly the pages
a trainee reads.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from walkthroughs.audit import report
from walkthroughs.browser import CONTEXT_ARGS

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", *sorted(p.stem for p in (ROOT / "docs").glob("*.md") if p.stem != "index"), "404.html"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def guide_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("guide") / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SIM_GUIDE_IN_SANDBOX": "1"},
    )
    assert built.returncode == 0, built.stderr[-3000:]
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def guide_page(browser):
    """A reader's tab, without the simulator (the `page` fixture opens a sandbox)."""
    context = browser.new_context(**CONTEXT_ARGS)
    yield context.new_page()
    context.close()


def _address(name: str) -> str:
    return name if name in ("", "404.html") else f"{name}/"


@pytest.mark.browser
@pytest.mark.docs
@pytest.mark.parametrize("name", PAGES, ids=lambda n: n or "accueil")
def test_guide_page_passes_axe(name, guide_page, guide_url, axe):
    guide_page.goto(guide_url + _address(name))
    findings = axe.findings(guide_page, f"guide /{_address(name)}")
    assert not findings, report(findings, f"la page du guide /{_address(name)} ne passe pas axe :")


@pytest.mark.browser
@pytest.mark.docs
def test_guide_search_dialog_is_named_and_passes_axe(guide_page, guide_url, axe):
    guide_page.goto(guide_url)
    guide_page.wait_for_load_state("networkidle")
    guide_page.get_by_role("textbox", name="Rechercher").first.wait_for(state="attached")
    guide_page.keyboard.press("/")
    search = guide_page.get_by_role("dialog", name="Rechercher dans le guide")
    search.wait_for(state="visible")
    guide_page.keyboard.type("code")
    guide_page.locator(".md-search-result__item").first.wait_for(state="visible")
    # audited once the dialog has finished fading in: mid-transition, axe read the matches'
    # colour blended with the page behind (4.09:1 for #a24d2d on #d9d9d9, not the 5.6:1 shown)
    guide_page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    findings = axe.findings(guide_page, "guide, recherche ouverte")
    assert not findings, report(findings, "la recherche du guide ne passe pas axe :")
