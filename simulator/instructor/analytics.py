"""The trainer's analysis of a class: funnels, mistakes, times, a trainee's timeline, the
export, the « bloqué » threshold and the one click that turns guided mode on for a trainee.

Read from the training records (``services.records``) through ``services.class_report``;
the charts are drawn on the server (``_charts.html``), with their numbers in a table.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ..domain import mistakes
from ..domain.clock import to_paris
from ..services import class_report, exercises, records
from ..web.context import make_context
from . import auth
from .forms import StuckForm
from .views import _classroom, _member, _wall_now, bp

KINDS = mistakes.MISTAKES


@bp.route("/classes/<int:classroom_id>/analyse", methods=["GET", "POST"])
@auth.required
def analysis(classroom_id: int):
    room = _classroom(classroom_id)
    form = StuckForm(data={"minutes": room.stuck_minutes} if request.method == "GET" else None)
    if form.validate_on_submit():
        room.stuck_minutes = form.minutes.data
        flash(f"Seuil « bloqué » : {form.minutes.data} minutes sur une même étape.", "success")
        return redirect(url_for(".analysis", classroom_id=room.id))
    report = class_report.report(g.db, room)
    return render_template(
        "instructor/analysis.html",
        classroom=room,
        report=report,
        form=form,
        kinds=KINDS,
        labels=mistakes.LABELS_FR,
        guide=mistakes.GUIDE_FR,
        minutes=_minutes,
    ), 400 if form.errors else 200


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


def _rows(room):
    """One row a trainee and exercise: the export's content, pseudonymous (the label only)."""
    report = class_report.report(g.db, room)
    for member in report.members:
        for exercise in exercises.CATALOGUE:
            row = report.rows[member.id][exercise.key]
            yield {
                "classe": room.name,
                "stagiaire": member.label,
                "exercice": exercise.key,
                "commence": to_paris(row.started).isoformat() if row.started else "",
                "termine": row.done,
                "duree_s": round(row.seconds) if row.seconds is not None else None,
                **{f"erreurs_{kind.value}": row.mistakes.get(kind.value, 0) for kind in KINDS},
                "pas_a_pas": row.guided,
            }


@bp.get("/classes/<int:classroom_id>/export.csv")
@auth.required
def export_csv(classroom_id: int):
    room = _classroom(classroom_id)
    rows = list(_rows(room))
    out = io.StringIO()
    header = list(rows[0]) if rows else ["classe", "stagiaire", "exercice"]
    writer = csv.DictWriter(out, fieldnames=header, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "termine": "oui" if row["termine"] else "non"})
    return _download("\ufeff" + out.getvalue(), "text/csv; charset=utf-8", room, "csv")


@bp.get("/classes/<int:classroom_id>/export.json")
@auth.required
def export_json(classroom_id: int):
    room = _classroom(classroom_id)
    document = {
        "classe": room.name,
        "exporte_le": to_paris(_wall_now()).isoformat(),
        "erreurs": {kind.value: mistakes.LABELS_FR[kind] for kind in KINDS},
        "lignes": list(_rows(room)),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _download(text, "application/json; charset=utf-8", room, "json")


def _download(text: str, mimetype: str, room, extension: str) -> Response:
    name = f"seance-{room.id}-{to_paris(_wall_now()):%Y%m%d-%H%M}.{extension}"
    return Response(
        text, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.get("/stagiaires/<sandbox_id>/parcours")
@auth.required
def timeline(sandbox_id: str):
    sandbox = _member(sandbox_id)
    mine = records.of_sandboxes(g.db, [sandbox.id])[sandbox.id]
    return render_template(
        "instructor/timeline.html",
        sandbox=sandbox,
        events=[(r, describe(r)) for r in mine],
        counts=Counter(r.outcome for r in mine if r.kind == records.ATTEMPT),
        labels={kind.value: label for kind, label in mistakes.LABELS_FR.items()},
        clock=lambda when: f"{to_paris(when):%d/%m %H:%M:%S}",
    )


_STEPS = {
    records.PASSWORD_STEP: "mot de passe",
    "email": "code reçu par courriel",
    "sms": "code reçu par SMS",
    "totp": "code de l'application",
    "recovery": "code de récupération",
    # the first code of a new factor: an app's, or one that confirms a number or an address
    records.ENROLMENT_STEP: "premier code (activation du second facteur)",
}
_TOOLS = {
    records.PAGE: "Page atteinte",
    records.MESSAGE: "Message ouvert",
    records.GUIDED: "Pas à pas",
    records.INCIDENT: "Incident",
    records.CLOCK: "Horloge",
}


def describe(record) -> tuple[str, str]:
    """(what, detail) of a record, in the trainer's words."""
    if record.kind == records.ATTEMPT:
        step = _STEPS.get(record.step, record.step)
        outcome = mistakes.Outcome(record.outcome)
        return f"Saisie : {step}, {record.portal}", mistakes.LABELS_FR[outcome]
    what = _TOOLS.get(record.kind, record.kind)
    if record.kind == records.PAGE:
        return what, record.step
    if record.kind == records.MESSAGE:
        folder = "indésirables" if record.outcome == "spam" else "boîte de réception"
        return what, f"{record.portal or 'simulateur'}, {folder}"
    if record.kind == records.GUIDED:
        walkthrough = exercises.walkthroughs().get(record.step)
        return (
            what,
            f"« {walkthrough.title if walkthrough else record.step} », étape {record.value}",
        )
    if record.kind == records.INCIDENT:
        return what, f"{record.step} {'activé' if record.outcome == 'on' else 'désactivé'}"
    minutes = (record.value or 0) // 60
    return what, f"{'+' if minutes >= 0 else ''}{minutes} min"


@bp.post("/stagiaires/<sandbox_id>/pas-a-pas")
@auth.required
def guide_trainee(sandbox_id: str):
    """One click from the table: guided mode on, from the first step, for this trainee."""
    sandbox = _member(sandbox_id)
    slug = request.form.get("parcours", "")
    walkthrough = exercises.walkthroughs().get(slug)
    if walkthrough is None or not walkthrough.guided:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    sandbox.guided_slug, sandbox.guided_index = slug, 0
    records.guided_step(make_context(sandbox), slug, 1)
    flash(f"Mode pas à pas activé pour {sandbox.label} : « {walkthrough.title} ».", "success")
    return redirect(url_for(".classroom", classroom_id=sandbox.classroom_id))
