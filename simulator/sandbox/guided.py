"""Guided mode: the next step of a walkthrough, shown on the page where it happens.

The steps are the walkthroughs' own (walkthroughs/<portal>/*.yaml): the same data makes the
guide's screenshots and the browser tests, so guidance cannot drift from the guide. Progress
moves forward when the trainee reaches a page that a later step names.
"""

from __future__ import annotations

import functools
import html
import re

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup

from walkthroughs.model import Walkthrough, load_all

from ..portals import PLANNED

bp = Blueprint("guided", __name__, url_prefix="/pas-a-pas")


@functools.cache
def catalogue() -> dict[str, Walkthrough]:
    return {w.slug: w for w in load_all()}


def _settings():
    return g.ctx.sandbox.settings or {}


@bp.get("/")
def choose():
    by_portal: dict[str, list[Walkthrough]] = {}
    for walkthrough in catalogue().values():
        by_portal.setdefault(walkthrough.portal, []).append(walkthrough)
    names = {info.key: info.name for info in PLANNED.values()}
    return render_template("sandbox/guided.html", by_portal=by_portal, form=FlaskForm(),
                           current=_settings().get("guided"), names=names)


@bp.post("/commencer/<slug>")
def start(slug: str):
    walkthrough = catalogue().get(slug)
    if walkthrough is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    g.ctx.sandbox.settings = {**_settings(), "guided": slug, "guided_index": 0}
    first = walkthrough.shown_steps()[0]
    start_path = next((s.goto for s in walkthrough.steps if s.goto), None) or first.page
    flash(f"Mode pas à pas : « {walkthrough.title} ». Suivez l'encadré en bas de page.", "info")
    return redirect(start_path if start_path.startswith("/") and "{" not in start_path else url_for("sandbox.home"))


@bp.post("/arreter")
def stop():
    if not FlaskForm().validate_on_submit():
        abort(400)
    g.ctx.sandbox.settings = {k: v for k, v in _settings().items() if k not in ("guided", "guided_index")}
    flash("Mode pas à pas arrêté.", "info")
    return redirect(url_for(".choose"))


def current_step() -> dict | None:
    """The step to show on this page, advancing the trainee's progress (before_request)."""
    context = g.get("ctx")
    if context is None or request.method != "GET" or request.blueprint in ("static", "testhooks", "guide"):
        return None
    walkthrough = catalogue().get(_settings().get("guided"))
    if walkthrough is None:
        return None
    steps = walkthrough.shown_steps()
    index = min(int(_settings().get("guided_index", 0)), len(steps) - 1)
    found = next((i for i in range(index, len(steps)) if steps[i].matches(request.path)), None)
    if found is not None and found != index:
        context.sandbox.settings = {**_settings(), "guided_index": found}
    step = steps[found if found is not None else index]
    return {
        "title": walkthrough.title,
        "number": steps.index(step) + 1,
        "total": len(steps),
        "caption": render_caption(step.caption),
        "target": step.target if found is not None else None,
        "here": found is not None,
        "guide_url": url_for("guide.page", path=walkthrough.guide_url(step).split("#")[0]) + "#" + walkthrough.anchor(step),
        "done": found == len(steps) - 1,
    }


def render_caption(text: str) -> Markup:
    """The walkthroughs' small Markdown (**bold**, `code`) as safe HTML."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)
    return Markup(escaped)


def init_app(app) -> None:
    app.register_blueprint(bp)

    @app.before_request
    def _guided():
        g.guided = current_step()

    app.context_processor(lambda: {"guided": g.get("guided"), "guided_form": FlaskForm})
