"""Guided mode: the next step of a walkthrough, shown on the page where it happens.

The steps are the walkthroughs' own (walkthroughs/<portal>/*.yaml): the same data makes the
guide's screenshots and the browser tests, so guidance cannot drift from the guide. Progress
moves forward when the trainee reaches a page that a later step names.
"""

from __future__ import annotations

import functools
import html
import re

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup

from ..domain.outbox import mask_address
from ..domain.paths import local_path
from ..domain.phones import international
from ..domain.registry import BY_KEY
from ..procedures.model import Walkthrough, load_all, resolve
from ..services import records

bp = Blueprint("guided", __name__, url_prefix="/pas-a-pas")


@functools.cache
def catalogue() -> dict[str, Walkthrough]:
    return {w.slug: w for w in load_all()}


def placeholders(persona) -> dict:
    """What a walkthrough's ``{person.…}`` and ``{accounts.…}`` name, for this sandbox.

    The runner reads the same dictionary (``/_sim/sandbox.json``), so a step that names the
    trainee's masked address finds it in the guide's seed and in any trainee's sandbox.
    """
    return {
        "person": {
            "first_name": persona.first_name,
            "last_name": persona.last_name,
            "full_name": persona.full_name,
            "email": persona.email,
            "masked_email": mask_address(persona.email),
            "mobile": persona.mobile,
            "mobile_national": persona.mobile_national,
            "mobile_international": international(persona.mobile),
        },
        "accounts": {
            p: {"username": c.username, "password": c.password} for p, c in persona.accounts.items()
        },
    }


@bp.get("/")
def choose():
    by_portal: dict[str, list[Walkthrough]] = {}
    for walkthrough in (w for w in catalogue().values() if w.guided):
        by_portal.setdefault(walkthrough.portal, []).append(walkthrough)
    names = {info.key: info.name for info in BY_KEY.values()}
    return render_template(
        "sandbox/guided.html",
        by_portal=by_portal,
        form=FlaskForm(),
        current=g.ctx.sandbox.guided_slug,
        names=names,
    )


@bp.post("/commencer/<slug>")
def start(slug: str):
    walkthrough = catalogue().get(slug)
    if walkthrough is None or not walkthrough.guided:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    g.ctx.sandbox.guided_slug, g.ctx.sandbox.guided_index = slug, 0
    records.guided_step(g.ctx, slug, 1)
    first = walkthrough.shown_steps()[0]
    start_path = next((s.goto for s in walkthrough.steps if s.goto), None) or first.page
    flash(f"Mode pas à pas : « {walkthrough.title} ». Suivez l'encadré en bas de page.", "info")
    return redirect(
        start_path
        if start_path.startswith("/") and "{" not in start_path
        else url_for("sandbox.home")
    )


@bp.post("/arreter")
def stop():
    if not FlaskForm().validate_on_submit():
        abort(400)
    g.ctx.sandbox.guided_slug, g.ctx.sandbox.guided_index = None, 0
    flash("Mode pas à pas arrêté.", "info")
    return redirect(url_for(".choose"))


def current_step(path: str, chosen: int | None = None) -> dict | None:
    """What the panel shows on the page at ``path``; moves the trainee's progress forward.

    Several steps can happen on one page (scan a QR code, then read the code): they are all
    offered, in order, and the page outlines the first whose element it actually shows.
    ``chosen`` is the step the page picked, so progress follows what the trainee sees.
    """
    context = g.get("ctx")
    walkthrough = catalogue().get(context.sandbox.guided_slug) if context is not None else None
    if walkthrough is None:
        return None
    steps = walkthrough.shown_steps()
    index = min(context.sandbox.guided_index or 0, len(steps) - 1)
    found = next((i for i in range(index, len(steps)) if steps[i].matches(path)), None)
    candidates = []
    if found is not None:
        end = found
        while end + 1 < len(steps) and steps[end + 1].matches(path):
            end += 1
        candidates = _candidates(walkthrough, steps, found, end)
        picked = chosen - 1 if chosen and found <= chosen - 1 <= end else found
        if picked != index:
            context.sandbox.guided_index = picked
            records.guided_step(context, walkthrough.slug, picked + 1)
    else:
        candidates = _candidates(walkthrough, steps, index, index, here=False)
    return {
        "title": walkthrough.title,
        "total": len(steps),
        "here": found is not None,
        "candidates": candidates,
        "first": candidates[0],
    }


def _candidates(
    walkthrough: Walkthrough, steps, first: int, last: int, here: bool = True
) -> list[dict]:
    """Steps first..last; a step that only shows something is merged into the next one."""
    result, pending = [], []
    for i in range(first, last + 1):
        step = steps[i]
        if step.does == "none" and i < last:
            pending.append(step.caption)
            continue
        result.append(
            {
                "number": i + 1,
                "caption": str(render_caption(" ".join([*pending, step.caption]))),
                "target": _target(step) if here else None,
                "guide_url": url_for("guide.page", path=walkthrough.guide_url(step).split("#")[0])
                + "#"
                + walkthrough.anchor(step),
            }
        )
        pending = []
    return result


def _target(step) -> dict | None:
    """The step's locator with the trainee's own values; none when it names a value read on screen."""
    if step.target is None:
        return None
    target = step.target.model_dump(exclude_none=True, exclude_defaults=True)
    try:
        values = placeholders(g.ctx.persona)
        return {k: resolve(v, values) if isinstance(v, str) else v for k, v in target.items()}
    except KeyError:  # {vars.code}: read by the runner, unknown here; the caption still guides
        return None


@bp.post("/fait")
def done():
    """The page reports that the trainee used step N's element: step N+1 comes next."""
    walkthrough = catalogue().get(g.ctx.sandbox.guided_slug)
    number = request.form.get("etape", type=int)
    if walkthrough is None or number is None or not 1 <= number <= len(walkthrough.shown_steps()):
        abort(400)
    if not FlaskForm().validate_on_submit():
        abort(400)
    index = min(number, len(walkthrough.shown_steps()) - 1)
    if index > (g.ctx.sandbox.guided_index or 0):
        g.ctx.sandbox.guided_index = index
    return ("", 204)


@bp.get("/etape")
def step_json():
    """The panel of an open tab refreshes from here (the other tab may have moved on)."""
    path = local_path(request.args.get("chemin")) or "/"
    chosen = request.args.get("etape", type=int)
    step = current_step(path.split("?")[0], chosen)
    if step is None:
        return jsonify(active=False)
    return jsonify(active=True, **step)


def render_caption(text: str) -> Markup:
    """The walkthroughs' small Markdown (**bold**, `code`) as safe HTML."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)
    return Markup(escaped)  # noqa: S704 - built from html.escape() output above


def init_app(app) -> None:
    app.register_blueprint(bp)
    # read once, before gunicorn forks its workers: loaded lazily, the first request of each of
    # a worker's threads parsed every YAML at once (a trainee's home page took a second)
    catalogue()

    @app.before_request
    def _guided():
        html_page = request.method == "GET" and request.blueprint not in (
            None,
            "testhooks",
            "guide",
            "guided",
        )
        g.guided = (
            current_step(request.path) if html_page and request.endpoint != "static" else None
        )

    app.context_processor(lambda: {"guided": g.get("guided"), "guided_form": FlaskForm})
