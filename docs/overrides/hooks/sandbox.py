"""The guide's links to the sandbox, built from where the sandbox is, and the sandbox's icon.

A page writes its « try it » button once, with a ``sandbox:`` address::

    [Essayer dans le bac à sable →](sandbox:/pigp/connexion){ .md-button }

and the build decides what it becomes, from the environment:

- ``SIM_GUIDE_IN_SANDBOX=1`` (the Makefile's build for ``make serve``): the simulator serves
  this guide under ``/guide/``, so the button is the path ``/pigp/connexion`` on the same
  origin. This wins over ``SIM_PUBLIC_URL``: a trainer who opened ``127.0.0.1`` would
  otherwise land on the class address, another origin, hence another sandbox (its cookie is
  per host).
- ``SIM_PUBLIC_URL=http://10.0.0.5:5000``: a guide hosted apart from the simulator; the
  button is ``http://10.0.0.5:5000/pigp/connexion``.
- neither: a guide built alone, no sandbox to open: the button line is removed, never left as
  a dead link.

The same address (``config.extra.bac_a_sable``: ``"/"``, ``"http://…/"`` or None) shows the
header's « Retour au bac à sable » (overrides/partials/header.html).

The icon has one source, the simulator's ``simulator/static/favicon.svg``; it is added to the
built guide as ``assets/favicon.svg`` (``theme.favicon``), so no copy can drift.

After a build, ``site/.bac-a-sable`` records the address used (empty when none): the Makefile
rebuilds the guide for ``make serve`` when ``site/`` was built another way (``make site``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[3]
ICON = ROOT / "simulator" / "static" / "favicon.svg"
MARKER = ".bac-a-sable"

# A whole line « [label](sandbox:/path){ attributes } ».
_BUTTON = re.compile(
    r"^\[(?P<label>[^\]\n]+)\]\(sandbox:(?P<path>/[^)\s]*)\)(?P<attrs>\{[^}\n]*\})?[ \t]*$", re.M
)


def sandbox_address(environ: Mapping[str, str] = os.environ) -> str | None:
    """Where the buttons lead, ending in « / », or None when the guide is built alone."""
    if environ.get("SIM_GUIDE_IN_SANDBOX") == "1":
        return "/"
    public = (environ.get("SIM_PUBLIC_URL") or "").strip().rstrip("/")
    return f"{public}/" if public else None


def sandbox_links(markdown: str, address: str | None) -> str:
    """The page with its ``sandbox:`` buttons pointed at ``address``, or without them."""

    def button(match: re.Match) -> str:
        if address is None:
            return ""
        return f"[{match['label']}]({address}{match['path'].lstrip('/')}){match['attrs'] or ''}"

    return _BUTTON.sub(button, markdown)


def on_config(config):
    config.extra["bac_a_sable"] = sandbox_address()
    return config


def on_files(files, config):
    files.append(File.generated(config, "assets/favicon.svg", abs_src_path=str(ICON)))
    return files


def on_page_markdown(markdown, page, config, files):
    return sandbox_links(markdown, config.extra["bac_a_sable"])


def on_post_build(config):
    Path(config.site_dir, MARKER).write_text(config.extra["bac_a_sable"] or "", encoding="utf-8")
