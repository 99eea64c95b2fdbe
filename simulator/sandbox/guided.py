"""Guided mode: the next step of a walkthrough, shown on the page where it happens.

The steps are the walkthroughs' own (walkthroughs/<portal>/*.yaml): the same data makes the
guide's screenshots and the browser tests, so guidance cannot drift from the guide. Progress
moves forward only when the trainee does the current step's own action (see ``done``).
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
from ..procedures import tabs
from ..procedures.model import KINDS, Walkthrough, load_all, resolve
from ..services import records

bp = Blueprint("guided", __name__, url_prefix="/pas-a-pas")
ROLE_SELECTORS = {key: kind.selector for key, kind in KINDS.items() if kind.selector}


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


def current_step(path: str, tab: str | None = None) -> dict | None:
    """What the panel shows in the tab ``tab`` at ``path``: the trainee's current step, always.

    Progress never moves because a page was reached: only the step's own action moves it
    (its element used, or « J'ai compris » on a step that only shows something), through
    :func:`done`, so the panel goes 1, 2, …, N and never skips a step. A step that happens in
    another tab says so; when that tab is a sandbox tool the step opens, the bar's link to it
    is the element outlined (« Authentificateur », then « Scanner » there).
    """
    context = g.get("ctx")
    walkthrough = catalogue().get(context.sandbox.guided_slug) if context is not None else None
    if walkthrough is None:
        return None
    steps = walkthrough.shown_steps()
    index = context.sandbox.guided_index or 0
    tab = tab if tab in tabs.KEYS else tabs.of_path(path)
    base = {"title": walkthrough.title, "total": len(steps), "back": url_for("guided.choose")}
    if index >= len(steps):
        return {
            **base,
            "finished": True,
            "number": len(steps),
            "here": False,
            "reading": False,
            "where": "",
            "caption": f"Procédure terminée : vous avez fait les {len(steps)} étapes.",
            "target": None,
            "guide_url": url_for("guide.page", path=walkthrough.guide.removesuffix(".md") + "/"),
        }
    step = steps[index]
    # a tab the walkthrough names itself (« cabinet ») is no sandbox tool: any tab that is
    # not a tool's may be it
    same_tab = step.tab == tab or (step.tab not in tabs.KEYS and tab == tabs.DEFAULT)
    here = step.matches(path) and same_tab
    target, where = (_target(step) if here else None), ""
    if not here and not same_tab:
        where = tabs.where(step.tab, opened=bool(step.goto))
        opener = tabs.BY_KEY.get(step.tab)
        if step.goto and opener is not None and opener.bar_testid:
            target = {"css": f'[data-testid="{opener.bar_testid}"]'}
    elif not here:
        where = "Étape suivante, sur une autre page :"
    return {
        **base,
        "finished": False,
        "number": index + 1,
        "here": here,
        "reading": here and step.does == "none",
        "where": where,
        "caption": str(render_caption(step.caption)),
        "target": target,
        "guide_url": url_for("guide.page", path=walkthrough.guide_url(step).split("#")[0])
        + "#"
        + walkthrough.anchor(step),
    }


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
    """Step N's own action was done (its element used, or « J'ai compris »): N+1 comes next.

    Only the current step moves progress: a late or repeated report of an earlier step, or
    of a later one, changes nothing (no jump).
    """
    walkthrough = catalogue().get(g.ctx.sandbox.guided_slug)
    number = request.form.get("etape", type=int)
    if walkthrough is None or number is None or not 1 <= number <= len(walkthrough.shown_steps()):
        abort(400)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if number == (g.ctx.sandbox.guided_index or 0) + 1:
        g.ctx.sandbox.guided_index = number
        if number < len(walkthrough.shown_steps()):
            records.guided_step(g.ctx, walkthrough.slug, number + 1)
    return ("", 204)


@bp.get("/etape")
def step_json():
    """The panel of an open tab refreshes from here (the other tab may have moved on)."""
    path = local_path(request.args.get("chemin")) or "/"
    step = current_step(path.split("?")[0], request.args.get("onglet"))
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
        # a form sent back with its error (a wrong code) is a page of the step too
        html_page = request.method in ("GET", "POST") and request.blueprint not in (
            None,
            "testhooks",
            "guide",
            "guided",
        )
        g.guided = (
            current_step(request.path) if html_page and request.endpoint != "static" else None
        )

    app.context_processor(
        lambda: {
            "guided": g.get("guided"),
            "guided_form": FlaskForm,
            "tab_paths": tabs.PATHS,
            "role_selectors": ROLE_SELECTORS,
        }
    )
