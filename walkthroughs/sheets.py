"""Printable procedure sheets: a walkthrough's steps and screenshots as an A4 PDF.

Chromium prints them, from the same captures and captions as the guide, so a help desk can
hand a paper sheet that says exactly what the guide and the sandbox say.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from simulator.procedures.model import Walkthrough


def sheet_html(walkthrough: Walkthrough, captures: Path) -> str:
    items = []
    for number, step in enumerate(walkthrough.shown_steps(), start=1):
        image = captures / walkthrough.slug / walkthrough.image_name(number, step)
        picture = ""
        if step.screenshot and image.exists():
            data = base64.b64encode(image.read_bytes()).decode()
            picture = f'<img src="data:image/png;base64,{data}" alt="">'
        items.append(f"<li><p>{_caption(step.caption)}</p>{picture}</li>")
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
      body {{ font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 11pt; margin: 0; }}
      .banner {{ background: #ffd23f; padding: 4px 8px; font-size: 9pt; }}
      h1 {{ font-size: 16pt; }} li {{ margin-bottom: 10px; break-inside: avoid; }}
      img {{ width: 100%; border: 1px solid #999; }}
    </style></head><body><div class="banner">Fiche de formation — simulateur, aucune donnée réelle.</div>
    <h1>{html.escape(walkthrough.title)}</h1><ol>{"".join(items)}</ol></body></html>"""


def _caption(text: str) -> str:
    """The captions' **bold** printed bold, as the guide shows it."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)


def print_sheet(
    browser, walkthrough: Walkthrough, captures: Path, out_dir: Path, name: str | None = None
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    try:
        page.set_content(sheet_html(walkthrough, captures))
        target = out_dir / (name or f"{walkthrough.slug}.pdf")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
        )
    finally:
        page.close()
    return target
