"""The review page QA opens after ``--check``: each changed step, before and after, side by side.

A failing check is only useful if someone can judge it in a minute: is this the intended new
wording, or did a screen break? So each changed step shows its caption (what the guide says),
the committed picture, the new one, pixelmatch's difference, and the text diff of the page.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from simulator.procedures.model import Walkthrough

from .compare import SNAPSHOT_SUFFIX, Difference
from .layout import SUFFIX as LAYOUT_SUFFIX

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1600px; padding: 1rem 2rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-top: 2px solid #ccc; padding-top: 1rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
.step { margin: 1.5rem 0; } .caption { background: #f3f4f6; padding: .5rem .75rem; border-left: 4px solid #3558a6; }
.pictures { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
figure { margin: 0; } figcaption { font-weight: 600; } img { max-width: 100%; border: 1px solid #999; }
pre { background: #f8f8f8; border: 1px solid #ccc; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
.del { color: #8b0000; background: #fde8e8; } .add { color: #0b5d1e; background: #e6f4ea; }
"""


def _caption(walkthrough: Walkthrough | None, file_name: str) -> str:
    suffixes = "|".join(re.escape(s) for s in (".png", SNAPSHOT_SUFFIX, LAYOUT_SUFFIX))
    match = re.match(r"(\d+)-(.+?)(?:" + suffixes + ")$", file_name)
    if not (walkthrough and match):
        return ""
    step = next((s for s in walkthrough.steps if s.id == match.group(2)), None)
    return f"Étape {int(match.group(1))} : {step.caption}" if step and step.caption else ""


def _markdown(text: str) -> str:
    """The captions' small Markdown (**bold**, `code`), as the guide shows it."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def _diff_html(text: str) -> str:
    lines = []
    for line in text.splitlines():
        css = (
            "add"
            if line.startswith("+") and not line.startswith("+++")
            else ("del" if line.startswith("-") and not line.startswith("---") else "")
        )
        escaped = html.escape(line)
        lines.append(f'<span class="{css}">{escaped}</span>' if css else escaped)
    return "\n".join(lines)


def _picture(source: Path | None, copy_to: Path, label: str, alt: str) -> str:
    if source is None or not source.exists():
        return f"<figure><figcaption>{label}</figcaption><p>(aucune)</p></figure>"
    copy_to.parent.mkdir(parents=True, exist_ok=True)
    if source.resolve() != copy_to.resolve():
        shutil.copyfile(source, copy_to)
    relative = html.escape(f"{copy_to.parent.name}/{copy_to.name}")
    return (
        f'<figure><figcaption>{label}</figcaption><a href="{relative}">'
        f'<img src="{relative}" alt="{html.escape(alt)}"></a></figure>'
    )


def write(
    out_dir: Path,
    differences: dict[str, list[Difference]],
    walkthroughs: dict[str, Walkthrough],
    stopped: list[str] = (),
    environment: str = "",
) -> Path:
    """``out_dir/index.html``; the pictures are copied beside it (the run's own files go away).

    ``stopped``: the walkthroughs whose replay failed (a step's element is gone), first, since
    their later captures could not even be compared.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = {slug: found for slug, found in differences.items() if found}
    total = sum(len(found) for found in changed.values())
    parts = [f"<h1>Captures à relire : {total} différence(s)</h1>"]
    if environment:  # which renderer drew the captures and which one checked them
        parts.append(f'<p class="caption">{html.escape(environment)}</p>')
    if stopped:
        parts.append(
            f"<h2>Parcours interrompus ({len(stopped)})</h2><ul>"
            + "".join(f"<li>{html.escape(message)}</li>" for message in stopped)
            + "</ul>"
        )
    if not changed and not stopped:
        parts.append("<p>Toutes les captures sont à jour.</p>")
    for slug, found in changed.items():
        walkthrough = walkthroughs.get(slug)
        parts.append(
            f"<h2>{html.escape(walkthrough.title if walkthrough else slug)} <small>({html.escape(slug)})</small></h2>"
        )
        for number, difference in enumerate(found):
            file_name = difference.name.split("/", 1)[1]
            caption = _caption(walkthrough, file_name)
            parts.append(
                f'<section class="step"><h3>{html.escape(file_name)} : {html.escape(difference.problem)}</h3>'
            )
            if caption:
                parts.append(f'<p class="caption">{_markdown(caption)}</p>')
            if file_name.endswith(".png"):
                stem = out_dir / slug / f"{number:02d}-{Path(file_name).stem}"
                parts.append(
                    '<div class="pictures">'
                    + _picture(
                        difference.committed,
                        stem.with_name(stem.name + "-enregistree.png"),
                        "Enregistrée",
                        f"{file_name}, capture enregistrée",
                    )
                    + _picture(
                        difference.fresh,
                        stem.with_name(stem.name + "-nouvelle.png"),
                        "Nouvelle",
                        f"{file_name}, capture de ce passage",
                    )
                    + _picture(
                        difference.diff,
                        stem.with_name(stem.name + "-difference.png"),
                        "Différence (rouge : changé, jaune : lissage)",
                        f"{file_name}, différence",
                    )
                    + "</div>"
                )
            elif difference.text_diff:
                parts.append(f"<pre>{_diff_html(difference.text_diff)}</pre>")
            parts.append("</section>")
    page = out_dir / "index.html"
    page.write_text(
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Captures à relire ({total})</title><style>{_STYLE}</style></head>"
        f"<body><main>{''.join(parts)}</main></body></html>\n",
        encoding="utf-8",
    )
    return page
