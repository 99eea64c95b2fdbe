"""Hooks for walkthroughs and tests only: never registered in normal mode.

They let the runner freeze and move wall time, read the generated person's credentials and
switch faults without clicking through pages that are not part of the procedure shown.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, current_app, jsonify, request

from ..domain.faults import Faults
from ..services import portal_settings, state
from ..web.context import ctx
from ..web.security import csrf
from . import faults
from .guided import placeholders

bp = Blueprint("testhooks", __name__, url_prefix="/_sim")
csrf.exempt(bp)


@bp.get("/sandbox.json")
def sandbox_state():
    context = ctx()
    persona = context.persona
    return jsonify(
        id=context.sandbox.id,
        seed=context.sandbox.seed,
        **placeholders(persona),
        now=context.now().isoformat(),
        wall=context.wall_now().isoformat(),
    )


@bp.post("/wall-clock")
def wall_clock():
    clock = current_app.extensions["sim.wall_clock"]
    data = request.get_json(silent=True) or {}
    if "at" in data:
        clock.set(datetime.fromisoformat(data["at"]))
    if "advance_seconds" in data:
        clock.advance(timedelta(seconds=float(data["advance_seconds"])))
    return jsonify(wall=clock.now().isoformat())


@bp.post("/faults")
def set_faults():
    context = ctx()
    data = {**context.faults.to_dict(), **(request.get_json(silent=True) or {})}
    faults.apply(context, Faults.from_dict(data))
    return jsonify(faults=context.sandbox.faults)


# The names the walkthroughs' ``setup.settings`` and the runner use, for the sandbox's columns
# (migration 0006); « <portal>.<name> » is a field of that portal's settings model
# (``services.portal_settings``), and the two older names below stand for two of them; any
# other name is a field of ``services.state.SandboxSettings``.
SETTING_COLUMNS = {"guided": "guided_slug", "guided_index": "guided_index"}
PORTAL_SETTING_NAMES = {
    "karbon_exiger_2fa": "karbon.requires_2fa",
    "onegov_policy": "onegov.policy",
}


@bp.post("/settings")
def set_settings():
    context = ctx()
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    for name, column in SETTING_COLUMNS.items():
        if name in data:
            setattr(context.sandbox, column, data.pop(name))
    for name, dotted in PORTAL_SETTING_NAMES.items():
        if name in data:
            data[dotted] = data.pop(name)
    per_portal: dict[str, dict] = {}
    for name in [n for n in data if "." in n]:
        portal, field = name.split(".", 1)
        per_portal.setdefault(portal, {})[field] = data.pop(name)
    for portal, values in per_portal.items():
        portal_settings.change(context, portal, **values)
    settings = state.change_sandbox_settings(context.sandbox, **data)
    columns = {name: getattr(context.sandbox, column) for name, column in SETTING_COLUMNS.items()}
    for name, dotted in PORTAL_SETTING_NAMES.items():
        portal, field = dotted.split(".", 1)
        columns[name] = getattr(portal_settings.read(context, portal), field)
    return jsonify(settings={**settings.model_dump(mode="json"), **columns})


@bp.post("/sandbox-clock")
def sandbox_clock():
    """Advance this sandbox's clock by one of the clock page's steps (e.g. "6mois")."""
    from .clock import STEPS

    context = ctx()
    step = (request.get_json(silent=True) or {}).get("step")
    if step not in STEPS:
        return jsonify(error=f"unknown step {step!r}"), 400
    context.sandbox.clock_offset_seconds += int(STEPS[step][0].total_seconds())
    return jsonify(now=context.now().isoformat())
