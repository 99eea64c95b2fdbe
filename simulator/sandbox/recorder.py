"""Record mode: a support writer does a procedure once and gets its walkthrough (issue 15).

« Enregistrer une procédure » asks for a title and a portal; while it records, every page of
the sandbox shows the recording bar and ``recorder.js`` reports each meaningful action here
(made safe by ``services/recordings.py``); « Terminer » drafts the steps
(``simulator/procedures/drafting/``) for review; the reviewed draft downloads as a walkthrough
YAML checked against the model, and with ``SIM_MODE=dev`` is saved under walkthroughs/.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..domain.paths import local_path
from ..domain.registry import BY_KEY
from ..procedures import drafting, events
from ..procedures.model import ROOT as WALKTHROUGHS_ROOT
from ..procedures.model import Locator, WalkthroughError, load
from ..services import recordings, replays
from ..store.models import Recording
from ..web.context import ctx
from .guided import placeholders, render_caption

bp = Blueprint("recorder", __name__, url_prefix="/enregistrer")


class StartForm(FlaskForm):
    title = StringField(
        "Titre de la procédure",
        validators=[
            DataRequired(
                "Donnez un titre à la procédure, par exemple « Première connexion au PIGP »."
            ),
            Length(max=120, message="120 caractères au plus."),
        ],
    )
    portal = SelectField("Portail", validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ready = current_app.extensions.get("sim.portals_ready", [])
        self.portal.choices = [(key, BY_KEY[key].name) for key in ready]


def _portal_known(form: StartForm) -> bool:
    if form.portal.data not in dict(form.portal.choices):
        form.portal.errors = ["Choisissez un portail de la liste."]
        return False
    return True


@bp.get("/")
def start_page(form: StartForm | None = None, status: int = 200):
    context = ctx()
    return render_template(
        "sandbox/recorder_start.html",
        form=form or StartForm(),
        drafts=recordings.drafts_in_review(context),
        current=recordings.active(context),
    ), status


@bp.post("/")
def start():
    context = ctx()
    form = StartForm()
    valid = form.validate_on_submit()
    if form.csrf_token.errors:
        abort(400)
    valid = _portal_known(form) and valid
    if not valid:
        return start_page(form, 400)
    if recordings.active(context) is not None:
        flash("Un enregistrement est déjà en cours : terminez-le ou annulez-le d'abord.", "error")
        return redirect(url_for(".start_page"))
    title = " ".join(form.title.data.split())
    recordings.start(context, title, form.portal.data)
    flash(
        f"Enregistrement de « {title} » commencé : faites la procédure, puis cliquez sur « Terminer ».",
        "info",
    )
    return redirect(url_for(BY_KEY[form.portal.data].start_endpoint))


@bp.get("/evenements.schema.json")
def events_schema():
    """The shape of recorder.js's reports (procedures/events.py), for the script's readers."""
    return jsonify(events.schema())


@bp.post("/actions")
def actions():
    """The tabs' reports (sendBeacon, with the page's CSRF token)."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    recording = recordings.active(context)
    if recording is None:
        abort(404)
    try:
        _record_posted(context, recording)
    except recordings.BadEvents:
        abort(400)
    return ("", 204)


def _record_posted(context, recording) -> None:
    """The actions a form or a beacon carries (« evenements »), added to the recording."""
    batch = recordings.parse_batch(request.form.get("evenements"))
    recordings.record(context, recording, batch, placeholders(context.persona))


def _back() -> str:
    return local_path(request.form.get("retour")) or url_for("sandbox.home")


@bp.post("/terminer")
def finish():
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    recording = recordings.active(context)
    if recording is None:
        flash("Aucun enregistrement en cours.", "error")
        return redirect(url_for(".start_page"))
    try:  # the last page's actions come with the form, in case its reports are still on the way
        _record_posted(context, recording)
    except recordings.BadEvents:
        pass
    if recordings.action_count(context, recording) == 0:
        flash(
            "Rien n'a encore été enregistré : utilisez le portail (saisissez, cliquez), puis « Terminer »"
            " — ou « Annuler ».",
            "error",
        )
        return redirect(_back())
    recording.draft = drafting.draft(
        recordings.events_of(context, recording), recording.title, recording.portal
    )
    recording.status = "review"
    return redirect(url_for(".review", recording_id=recording.id))


@bp.post("/annuler")
def cancel():
    if not FlaskForm().validate_on_submit():
        abort(400)
    context = ctx()
    recording = recordings.active(context)
    if recording is not None:
        recordings.discard(context, recording)
    flash("Enregistrement annulé : rien n'a été gardé.", "info")
    return redirect(_back())


# Review ---------------------------------------------------------------------------------------


def _reviewed(recording_id: int) -> Recording:
    recording = recordings.owned(ctx(), recording_id)
    if recording is None or recording.status != "review":
        abort(404)
    return recording


def _render(recording: Recording, problems=(), status: int = 200, draft: dict | None = None):
    return render_template(
        "sandbox/recorder_review.html",
        recording=recording,
        draft=draft or recording.draft,
        problems=list(problems),
        form=FlaskForm(),
        dev=bool(current_app.config.get("SIM_DEV")),
        folder=f"walkthroughs/{recording.portal}/",
        describe=_describe,
        caption=render_caption,
        plain=drafting.plain_words,
        tab_words=drafting.TAB_WORDS,
    ), status


def _describe(target: dict) -> str:
    """« bouton « Connexion » », as the runner's messages name it."""
    try:
        return Locator(**target).describe()
    except ValueError:
        return " ".join(
            f"{kind} « {name} »" for kind, name in target.items() if kind not in ("exact", "why")
        )


@bp.get("/<int:recording_id>/")
def review(recording_id: int):
    return _render(_reviewed(recording_id))


def _edited(draft: dict) -> tuple[dict, list[str]]:
    """The draft with the form's captions, screenshots, quotes, title and slug."""
    form, problems = request.form, []
    steps = [dict(s) for s in draft["steps"]]
    if form.get("etapes", type=int) != len(steps):
        raise drafting.DraftError(
            "Le brouillon a changé depuis l'affichage de cette page (autre onglet ?) :"
            " rechargez-la, vos dernières modifications n'ont pas été prises en compte."
        )
    for number, step in enumerate(steps, start=1):
        before = step.get("caption", "")
        text = form.get(f"legende-{number}")
        text = drafting.rebold(before, " ".join(text.split())) if text is not None else before
        step["caption"] = text[:1000]
        if not step["caption"]:
            problems.append(
                f"L'étape {number} n'a plus de légende : décrivez ce que fait le lecteur."
            )
        step["screenshot"] = form.get(f"capture-{number}") == "1"
        step["quotes"] = [
            " ".join(q.split())
            for q in form.get(f"citations-{number}", "").splitlines()
            if q.strip()
        ][:10]
    title = " ".join(form.get("titre", draft["title"]).split())[:120]
    slug = form.get("slug", draft["slug"]).strip()[:60]
    if not title:
        problems.append("Le parcours a un titre.")
    return {**draft, "title": title or draft["title"], "slug": slug, "steps": steps}, problems


@bp.post("/<int:recording_id>/")
def edit(recording_id: int):
    recording = _reviewed(recording_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    action = request.form.get("action", "")
    try:
        draft, problems = _edited(recording.draft)
    except drafting.DraftError as problem:
        return _render(recording, [str(problem)], 409)
    verb, _, number = action.partition(":")
    try:
        if verb in ("fusionner", "supprimer"):
            index = int(number) - 1 if number.isdigit() else -1
            operation = drafting.merge if verb == "fusionner" else drafting.remove
            draft = {**draft, "steps": operation(draft["steps"], index)}
        elif verb not in ("garder", "telecharger", "depot", "fiche"):
            abort(400)
    except drafting.DraftError as problem:
        recording.draft = draft
        return _render(recording, [str(problem)], 400)
    recording.draft = draft
    if verb in ("fusionner", "supprimer"):
        flash(
            f"Étape {number} {'fusionnée avec la suivante' if verb == 'fusionner' else 'supprimée'}.",
            "success",
        )
        return redirect(url_for(".review", recording_id=recording.id))
    text, invalid = drafting.validate(draft, draft["steps"])
    problems += invalid
    if problems:
        return _render(recording, problems, 400)
    if verb == "telecharger":
        return _download(draft, text)
    if verb == "depot":
        return _save_in_checkout(recording, draft, text)
    if verb == "fiche":
        if not replays.browser_missing():
            replays.start(recording.id, text, len(draft["steps"]))
        return redirect(url_for(".sheet_page", recording_id=recording.id))
    flash("Modifications enregistrées.", "success")
    return redirect(url_for(".review", recording_id=recording.id))


@bp.get("/<int:recording_id>/parcours.yaml")
def download(recording_id: int):
    recording = _reviewed(recording_id)
    text, problems = drafting.validate(recording.draft, recording.draft["steps"])
    if problems:
        return _render(recording, problems, 400)
    return _download(recording.draft, text)


def _download(draft: dict, text: str) -> Response:
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{draft["slug"]}.yaml"'},
    )


def _save_in_checkout(recording: Recording, draft: dict, text: str):
    """SIM_MODE=dev only: the YAML under walkthroughs/<portal>/, never over another one."""
    if not current_app.config.get("SIM_DEV"):
        abort(404)
    root = Path(current_app.config.get("SIM_WALKTHROUGHS_DIR") or WALKTHROUGHS_ROOT)
    folder = root / recording.portal
    folder.mkdir(parents=True, exist_ok=True)
    for existing in sorted(root.glob("*/*.yaml")):
        try:
            taken = load(existing).slug == draft["slug"]
        except WalkthroughError:
            taken = False
        if taken:
            return _render(
                recording,
                [
                    f"Un parcours porte déjà le slug « {draft['slug']} » ({existing.parent.name}/"
                    f"{existing.name}) : changez le slug."
                ],
                409,
            )
    numbers = [int(p.name[:2]) for p in folder.glob("[0-9][0-9]-*.yaml")]
    name = f"{max(numbers, default=0) + 1:02d}-{draft['slug'].removeprefix(recording.portal + '-')}.yaml"
    (folder / name).write_text(text, encoding="utf-8")
    shown = f"walkthroughs/{recording.portal}/{name}"
    flash(
        f"Parcours enregistré dans {shown}. Pour ses captures et son texte : python -m walkthroughs new {shown}",
        "success",
    )
    return redirect(url_for(".review", recording_id=recording.id))


# The sheet: the recording replayed in the background (services/replays.py) -------------------


def _sheet_of(recording: Recording):
    text, problems = drafting.validate(recording.draft, recording.draft["steps"])
    return replays.sheet(recording.id, None if problems else text)


@bp.get("/<int:recording_id>/fiche/")
def sheet_page(recording_id: int):
    recording = _reviewed(recording_id)
    return render_template(
        "sandbox/recorder_sheet.html",
        recording=recording,
        draft=recording.draft,
        sheet=_sheet_of(recording),
        missing=replays.browser_missing(),
        install=replays.INSTALL,
        caption=render_caption,
        form=FlaskForm(),
    )


@bp.get("/<int:recording_id>/fiche/etat.json")
def sheet_state(recording_id: int):
    """What the sheet page polls while the replay runs."""
    made = _sheet_of(_reviewed(recording_id))
    if made is None:
        return jsonify(etat=None)
    return jsonify(etat=made.state, faites=made.done, total=made.total, en_cours=made.current)


@bp.get("/<int:recording_id>/fiche/<name>")
def sheet_file(recording_id: int, name: str):
    recording = _reviewed(recording_id)
    path = replays.file(recording.id, name)
    if path is None:
        abort(404)
    slug = recording.draft.get("slug") or "fiche"
    download = {"fiche.pdf": f"{slug}.pdf", "fiche.zip": f"{slug}.zip"}.get(name)
    return send_file(
        path,
        as_attachment=download is not None,
        download_name=download or name,
        max_age=0,
    )


# Every page while recording ------------------------------------------------------------------


def init_app(app) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def _recording():
        context = g.get("ctx")
        if (
            context is None
            or request.blueprint == "recorder"
            and request.endpoint != "recorder.start_page"
        ):
            return {"active_recording": None}
        try:
            current = recordings.active(context)
        except SQLAlchemyError:  # the error page of a failing database must still render
            current = None
        return {
            "active_recording": current,
            "recorder_form": FlaskForm if current else None,
            "recording_portal": BY_KEY[current.portal].name
            if current and current.portal in BY_KEY
            else "",
        }
