"""Instructor pages. Only the instructor reaches them; trainees never see each other."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm

from ..config import is_loopback_url
from ..domain.clock import format_fr
from ..domain.faults import Faults
from ..domain.paths import local_path
from ..domain.personas import generate
from ..lti import grades as lti_grades
from ..sandbox import faults as fault_switches
from ..sandbox.clock import STEPS
from ..sandbox.forms import FaultsForm
from ..services import class_report, classes, exercises, lures, qr, records, sandboxes
from ..store import Classroom
from ..web.context import hash_method, make_context
from . import auth, columns
from .forms import ClassForm, CloseForm, LoginForm

bp = Blueprint("instructor", __name__, url_prefix="/formateur", template_folder="templates")


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        accepted, locked = auth.attempt(form.password.data)
        if accepted:
            auth.open_session()
            return redirect(
                local_path(request.args.get("next"), "/formateur") or url_for(".classes_page")
            )
        form.password.errors = [
            "Trop de tentatives infructueuses : par sécurité, la connexion formateur est bloquée "
            f"jusqu'au {format_fr(locked)}."
            if locked
            else "Mot de passe formateur incorrect."
        ]
    return render_template("instructor/login.html", form=form), 400 if form.errors else 200


@bp.post("/deconnexion")
def logout():
    if FlaskForm().validate_on_submit():
        auth.end_session()
    return redirect(url_for(".login"))


@bp.route("/", methods=["GET", "POST"])
@auth.required
def classes_page():
    form = ClassForm()
    if form.validate_on_submit():
        classroom = classes.create(
            g.db, form.name.data.strip(), form.size.data, _wall_now(), hash_method()
        )
        flash(
            f"Séance « {classroom.name} » créée : {form.size.data} bacs à sable prêts.", "success"
        )
        return redirect(url_for(".classroom", classroom_id=classroom.id))
    return render_template(
        "instructor/classes.html",
        form=form,
        classes=classes.all_classes(g.db),
        logout_form=FlaskForm(),
        max_size=classes.MAX_TRAINEES,
    ), 400 if form.errors else 200


def lure_panel(
    ids: list[str], labels: dict[str, str], found: list[lures.Record] | None = None
) -> dict:
    from .lures import panel  # lures.py adds its routes to this module's blueprint

    return panel(ids, labels, found)


def _wall_now():
    return current_app.extensions["sim.wall_clock"].now()


def _classroom(classroom_id: int) -> Classroom:
    classroom = classes.get(g.db, classroom_id)
    if classroom is None:
        abort(404)
    return classroom


def _table(
    classroom: Classroom,
    members: list,
    names: bool = True,
    lure_records: list[lures.Record] | None = None,
) -> list[dict]:
    """One row a trainee, from a fixed number of queries whatever the class size (the page
    polls it every 5 s): members in one query, their progress in six more (five when the
    page read their lure drills already), their last records (the « bloqué » mark) in one."""
    done = exercises.progress_all(g.db, members, lure_records)
    marks = class_report.stuck_marks(g.db, members, done, classroom.stuck_minutes, _wall_now())
    return [
        {
            "id": sandbox.id,
            "label": sandbox.label,
            "passcode": classes.display_passcode(sandbox.passcode),
            "done": done[sandbox.id],
            "stuck": columns.stuck_json(marks[sandbox.id]),
            "name": generate(sandbox.seed).full_name if names else None,
            "cells": [(key, done[sandbox.id][key]) for key in exercises.BY_KEY] if names else None,
        }
        for sandbox in members
    ]


@bp.get("/classes/<int:classroom_id>")
@auth.required
def classroom(classroom_id: int):
    room = _classroom(classroom_id)
    members = classes.members(g.db, room)
    # read once for the table's lure exercises and for the lures panel
    drills = lures.records(g.db, [sandbox.id for sandbox in members])
    rows = _table(room, members, lure_records=drills)
    return render_template(
        "instructor/classroom.html",
        classroom=room,
        rows=rows,
        catalogue=exercises.CATALOGUE,
        end_form=CloseForm(),
        guide_form=FlaskForm(),
        columns=columns,
        **lure_panel([r["id"] for r in rows], {r["id"]: r["label"] for r in rows}, drills),
        lti=lti_grades.class_panel(g.db, room),
    )


@bp.post("/classes/<int:classroom_id>/terminer")
@auth.required
def end_classroom(classroom_id: int):
    """« Clore la séance », once its export is saved: its records, its sandboxes (and all
    they hold), then the class itself are deleted; the trainer is told how many rows went."""
    room = _classroom(classroom_id)
    form = CloseForm()
    if not form.validate_on_submit():
        flash(
            form.exported.errors[0]
            if form.exported.errors
            else "La demande n'a pas pu être vérifiée : rechargez la page.",
            "error",
        )
        return redirect(url_for(".classroom", classroom_id=room.id) + "#clore")
    ids = [sandbox.id for sandbox in classes.members(g.db, room)]
    gone = records.delete_for(g.db, ids)
    sandboxes.delete_all(g.db, ids)
    name = room.name
    classes.delete(g.db, room)
    flash(
        f"Séance « {name} » close : {len(ids)} bacs à sable et {gone} enregistrements "
        "d'activité supprimés.",
        "success",
    )
    return redirect(url_for(".classes_page"))


@bp.get("/classes/<int:classroom_id>/progression.json")
@auth.required
def classroom_progress(classroom_id: int):
    room = _classroom(classroom_id)
    rows = _table(room, classes.members(g.db, room), names=False)
    return jsonify(rows=[{"id": r["id"], "done": r["done"], "stuck": r["stuck"]} for r in rows])


@bp.get("/classes/<int:classroom_id>/fiches")
@auth.required
def roster(classroom_id: int):
    room = _classroom(classroom_id)
    base = current_app.config.get("SIM_PUBLIC_URL") or request.host_url.rstrip("/")
    join_url = base + url_for("progress.join")
    cards = []
    for sandbox in classes.members(g.db, room):
        passcode = classes.display_passcode(sandbox.passcode)
        address = f"{join_url}?code={passcode}"
        cards.append(
            {
                "label": sandbox.label,
                "passcode": passcode,
                "address": address,
                "qr": qr.svg_of(address, scale=3),
                "name": generate(sandbox.seed).full_name,
            }
        )
    return render_template(
        "instructor/roster.html",
        classroom=room,
        cards=cards,
        join_url=join_url,
        loopback=is_loopback_url(join_url),
    )


def _member(sandbox_id: str):
    sandbox = sandboxes.get(g.db, sandbox_id)
    if sandbox is None or sandbox.classroom_id is None:
        abort(404)
    return sandbox


@bp.route("/stagiaires/<sandbox_id>", methods=["GET", "POST"])
@auth.required
def trainee(sandbox_id: str):
    sandbox = _member(sandbox_id)
    context = make_context(sandbox)
    form = FaultsForm(obj=Faults.from_dict(sandbox.faults))
    if form.validate_on_submit():
        fault_switches.apply(context, form.faults())
        flash(f"Incidents mis à jour pour {sandbox.label}.", "success")
        return redirect(url_for(".trainee", sandbox_id=sandbox.id))
    return render_template(
        "instructor/trainee.html",
        sandbox=sandbox,
        context=context,
        form=form,
        steps=STEPS,
        action_form=FlaskForm(),
        done=exercises.progress(context),
        catalogue=exercises.CATALOGUE,
        **lure_panel([sandbox.id], {sandbox.id: sandbox.label}),
    ), 400 if form.errors else 200


@bp.post("/stagiaires/<sandbox_id>/horloge/<step>")
@auth.required
def trainee_clock(sandbox_id: str, step: str):
    sandbox = _member(sandbox_id)
    if step not in STEPS or not FlaskForm().validate_on_submit():
        abort(404 if step not in STEPS else 400)
    sandbox.clock_offset_seconds += int(STEPS[step][0].total_seconds())
    records.clock_moved(make_context(sandbox), int(STEPS[step][0].total_seconds()))
    flash(f"Horloge de {sandbox.label} avancée ({STEPS[step][1]}).", "success")
    return redirect(url_for(".trainee", sandbox_id=sandbox.id))


@bp.post("/stagiaires/<sandbox_id>/recommencer")
@auth.required
def trainee_reset(sandbox_id: str):
    sandbox = _member(sandbox_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    sandboxes.reset(g.db, sandbox, _wall_now(), hash_method())
    flash(f"Bac à sable de {sandbox.label} remis à zéro.", "success")
    return redirect(url_for(".trainee", sandbox_id=sandbox.id))
