"""The tool's endpoints: OIDC login, launch, JWKS, deep linking, dynamic registration, and
the trainer's « Plateformes LTI » page. Every check of a token is pylti1p3's."""

from __future__ import annotations

from urllib.parse import urlsplit

import jwt
import requests
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
    session,
    url_for,
)
from flask_wtf import FlaskForm
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.lineitem import LineItem
from pylti1p3.names_roles import NamesRolesProvisioningService

from ..instructor import auth
from ..services import exercises
from ..web.context import adopt, hash_method
from . import errors, grades, identity, keys, registrations, tool
from .dynamic import ToolRegistrar

bp = Blueprint("lti", __name__, url_prefix="/lti", template_folder="templates")
LTI_KEY = "lti"  # in the flask session: the platform's origin (frames allowed from it)
TICKET_SECONDS = 120


class TimeoutSession(requests.Session):
    """The platform is on the network: never wait for it forever."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", 10)
        return super().request(*args, **kwargs)


def base_url() -> str:
    return current_app.config.get("SIM_PUBLIC_URL") or request.host_url.rstrip("/")


def external(endpoint: str, **values) -> str:
    return base_url() + url_for(endpoint, **values)


def _secure() -> bool:
    return request.is_secure or bool(current_app.config.get("SIM_HTTPS"))


def _conf() -> tool.DbToolConf:
    return tool.DbToolConf(g.db, current_app.config["LTI_KEY_FOLDER"])


def _request() -> FlaskRequest:
    return FlaskRequest(request_is_secure=_secure())


def refuse(refusal: errors.Refusal, detail: str | None = None, new_window: str | None = None):
    return render_template(
        "lti/refused.html", refusal=refusal, detail=detail, new_window=new_window
    ), refusal.status


def _param(name: str) -> str | None:
    value = (request.form if request.method == "POST" else request.args).get(name)
    return value[:2000] if isinstance(value, str) else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    """OIDC third-party initiated login: check who asks, then send the browser back to the
    platform's authorization endpoint with a state (cookie) and a nonce (stored)."""
    registration = registrations.find(g.db, _param("iss"), _param("client_id"))
    if not _param("iss") or not _param("login_hint"):
        return refuse(errors.NOT_A_LAUNCH)
    if registration is None:
        return refuse(errors.UNKNOWN_PLATFORM)
    if registration.status != "active":
        return refuse(errors.PENDING)
    oidc = FlaskOIDCLogin(_request(), _conf(), launch_data_storage=tool.DbLaunchDataStorage(g.db))
    try:
        return oidc.redirect(external("lti.launch"))
    except (OIDCException, LtiException) as error:
        return refuse(errors.from_exception(error))


def _unverified(token: str | None) -> dict:
    """The token's claims read WITHOUT verification, only to choose which French message a
    refused launch gets (pending or unknown platform); never to accept anything."""
    try:
        return jwt.decode(token or "", options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}


def _platform_refusal(claims: dict) -> errors.Refusal | None:
    aud = claims.get("aud")
    client_id = aud[0] if isinstance(aud, list) and aud else aud
    registration = registrations.find(g.db, claims.get("iss"), client_id)
    if claims and registration is None:
        return errors.UNKNOWN_PLATFORM
    if registration is not None and registration.status != "active":
        return errors.PENDING
    return None


@bp.post("/launch")
def launch():
    token = _param("id_token")
    if not token or not _param("state"):
        return refuse(errors.NOT_A_LAUNCH)
    early = _platform_refusal(_unverified(token))
    if early is not None:
        return refuse(early)
    storage = tool.DbLaunchDataStorage(g.db)
    message = FlaskMessageLaunch(
        _request(), _conf(), launch_data_storage=storage, requests_session=TimeoutSession()
    )
    message.set_public_key_caching(storage, cache_lifetime=300)
    try:
        body = message.get_launch_data()
    except (LtiException, OIDCException) as error:
        return refuse(errors.from_exception(error))
    registration = message._registration.row  # noqa: SLF001 - ours (tool.ToolRegistration)
    aud, azp = body.get("aud"), body.get("azp")
    if (isinstance(aud, list) and len(aud) > 1 and azp is None) or (
        azp is not None and azp != registration.client_id
    ):
        return refuse(errors.TAMPERED, "Le destinataire autorisé (azp) n'est pas cet outil.")
    g.db.flush()  # the nonce is consumed even if what follows refuses
    origin = _origin(registration.auth_login_url)
    if message.is_deep_link_launch():
        return _deep_linking_page(message, body, origin)
    try:
        landing, link, user = identity.land(
            g.db,
            registration,
            body,
            _wall_now(),
            current_app.config["SIM_MAX_SANDBOXES"],
            hash_method(),
        )
    except identity.LaunchRefused as refused:
        status = 503 if isinstance(refused, identity.ClassFull) else 400
        refusal = errors.Refusal(status, "Lancement impossible", str(refused), "")
        return refuse(refusal)
    if landing.teacher:
        _read_roster(message, landing.classroom.id)
        return _hand_over({"classroom": landing.classroom.id}, origin)
    if link is not None:
        done = exercises.progress_all(g.db, [landing.sandbox])[landing.sandbox.id]
        grades.enqueue(g.db, link, user, done, tool.utcnow())
    return _hand_over({"sandbox": landing.sandbox.id, "exercise": landing.exercise}, origin)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _wall_now():
    return current_app.extensions["sim.wall_clock"].now()


def _read_roster(message, classroom_id: int) -> None:
    """NRPS at the teacher's launch: the course's learners, by name, before they launch.
    A platform that does not answer leaves the previous list (the table still works)."""
    if not message.has_nrps():
        return
    from ..store import LtiContext

    context = g.db.query(LtiContext).filter_by(classroom_id=classroom_id).first()
    try:
        service = NamesRolesProvisioningService(
            tool.connector(g.db, message._registration, TimeoutSession()),  # noqa: SLF001
            message.get_launch_data()[
                "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
            ],
        )
        members = service.get_members()
    except (LtiException, requests.RequestException, KeyError, ValueError):
        return
    context.roster = [
        {
            "sub": str(m.get("user_id", ""))[:255],
            "name": str(m.get("name") or m.get("given_name") or m.get("user_id", ""))[:200],
            "email": str(m.get("email") or "")[:200],
        }
        for m in members
        if not identity.is_teacher({identity.ROLES: m.get("roles") or []})
        and m.get("status", "Active") == "Active"
    ]
    context.roster_at = _wall_now()


def _hand_over(target: dict, origin: str):
    """Open the simulator's own session, then go through ``entree`` to see that the browser
    kept the cookie (a framed launch over plain HTTP does not)."""
    target = {**target, "origin": origin}
    ticket = tool.Cache(g.db).new_ticket(target, TICKET_SECONDS)
    _enter(target, origin)
    session["lti_ticket"] = ticket
    return redirect(url_for(".enter", ticket=ticket))


def _enter(target: dict, origin: str) -> None:
    if "sandbox" in target:
        from ..store import Sandbox

        adopt(g.db.get(Sandbox, target["sandbox"]))
    else:
        session.clear()
        auth.open_session()
    session[LTI_KEY] = origin


@bp.get("/entree/<ticket>")
def enter(ticket: str):
    cache = tool.Cache(g.db)
    target = cache.get(f"ticket-{ticket[:80]}")
    if target is None:
        return refuse(errors.COOKIE, "Ce lien d'entrée a expiré ou a déjà servi.")
    if session.get("lti_ticket") != ticket:
        if not request.args.get("fenetre"):  # the cookie was lost on the way: say so
            return refuse(errors.COOKIE, new_window=url_for(".enter", ticket=ticket, fenetre=1))
        _enter(target, target.get("origin", ""))  # a new top-level window keeps its cookie
    cache.take(f"ticket-{ticket[:80]}")
    session.pop("lti_ticket", None)
    if "classroom" in target:
        return redirect(url_for("instructor.classroom", classroom_id=target["classroom"]))
    exercise = exercises.BY_KEY.get(target.get("exercise") or "")
    if exercise is not None:
        flash(f"Exercice à faire : « {exercise.title} ». {exercise.goal}", "info")
    else:
        flash("Bienvenue dans votre bac à sable : vos exercices sont listés ici.", "info")
    return redirect(url_for("progress.mine"))


@bp.get("/jwks")
def jwks():
    response = jsonify(keys.jwks(current_app.config["LTI_KEY_FOLDER"]))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


# Deep linking ------------------------------------------------------------------------------


class PickForm(FlaskForm):
    pass


def _deep_linking_page(message, body: dict, origin: str):
    launch_id = message.get_launch_id()
    settings = body.get("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", {})
    tool.Cache(g.db).set(
        f"dl-{launch_id}",
        {"body": body, "registration": message._registration.row.id},  # noqa: SLF001
        3600,
    )
    session.clear()
    session[LTI_KEY] = origin
    return render_template(
        "lti/deep_linking.html",
        form=PickForm(),
        launch_id=launch_id,
        catalogue=exercises.CATALOGUE,
        multiple=settings.get("accept_multiple", True) not in (False, "false"),
        errors=[],
    )


@bp.post("/liens")
def deep_linking_response():
    launch_id = (request.form.get("launch_id") or "")[:120]
    saved = tool.Cache(g.db).get(f"dl-{launch_id}") if launch_id.startswith("lti1p3-") else None
    form = PickForm()
    if saved is None or not form.validate_on_submit():
        return refuse(
            errors.COOKIE, "La page de choix a expiré : rouvrez « Sélectionner un contenu »."
        )
    chosen = [k for k in request.form.getlist("exercice") if k in exercises.BY_KEY]
    mode = request.form.get("mode")
    if not chosen or mode not in ("ensemble", "separes"):
        return render_template(
            "lti/deep_linking.html",
            form=form,
            launch_id=launch_id,
            catalogue=exercises.CATALOGUE,
            multiple=True,
            errors=["Cochez au moins un exercice et choisissez comment les regrouper."],
            chosen=chosen,
        ), 400
    from ..store import LtiRegistration

    row = g.db.get(LtiRegistration, saved["registration"])
    if row is None or row.status != "active":
        return refuse(errors.PENDING)
    registration = tool.ToolRegistration(row, keys.current(current_app.config["LTI_KEY_FOLDER"]))
    body = saved["body"]
    groups = [chosen] if mode == "ensemble" else [[key] for key in chosen]
    resources = [_resource(group) for group in groups]
    settings = body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
    from pylti1p3.deep_link import DeepLink

    deep_link = DeepLink(
        registration, body["https://purl.imsglobal.org/spec/lti/claim/deployment_id"], settings
    )
    token = deep_link.get_response_jwt(resources)
    tool.Cache(g.db).take(f"dl-{launch_id}")
    response = current_app.make_response(
        render_template(
            "lti/deep_linking_done.html",
            return_url=settings["deep_link_return_url"],
            jwt=token,
            count=len(resources),
        )
    )
    origin = _origin(settings["deep_link_return_url"])
    from ..web.security import CSP

    response.headers["Content-Security-Policy"] = CSP.replace(
        "form-action 'self'", f"form-action 'self' {origin}"
    ).replace("frame-ancestors 'none'", f"frame-ancestors {origin}")
    return response


def _resource(keys_: list[str]) -> DeepLinkResource:
    titles = [exercises.BY_KEY[k].title for k in keys_]
    title = titles[0] if len(titles) == 1 else f"Bac à sable 2FA : {len(titles)} exercices"
    label = title if len(titles) == 1 else f"Bac à sable 2FA — {len(titles)} exercices"
    line_item = (
        LineItem()
        .set_score_maximum(100)
        .set_label(label[:100])
        .set_resource_id("exercices:" + ",".join(keys_))
    )
    return (
        DeepLinkResource()
        .set_url(external("lti.launch"))
        .set_title(title[:200])
        .set_lineitem(line_item)
        .set_custom_params({identity.EXERCISES_PARAM: ",".join(keys_)})
    )


# Dynamic registration ----------------------------------------------------------------------


@bp.get("/inscription")
def register():
    if not registrations.key_matches(current_app.config["SECRET_KEY"], request.args.get("cle")):
        return refuse(errors.REGISTRATION_KEY)
    configuration_url = (request.args.get("openid_configuration") or "")[:500]
    token = (request.args.get("registration_token") or "")[:4000]
    if not configuration_url.startswith(("http://", "https://")) or not token:
        return refuse(
            errors.REGISTRATION_FAILED,
            "Ouvrez cette adresse depuis « Gérer les outils » de Moodle, qui y ajoute sa "
            "configuration et son jeton d'enregistrement.",
        )
    registrar = ToolRegistrar(configuration_url, token, base_url(), TimeoutSession)
    try:
        row = registrar.register_and_record(g.db, _wall_now())
    except (LtiException, requests.RequestException, ValueError, AssertionError, KeyError):
        return refuse(errors.REGISTRATION_FAILED)
    return render_template("lti/registered.html", registration=row)


# The trainer's page ------------------------------------------------------------------------


@bp.get("/plateformes")
@auth.required
def platforms():
    folder = current_app.config["LTI_KEY_FOLDER"]
    return render_template(
        "lti/platforms.html",
        registrations=registrations.all_registrations(g.db),
        form=FlaskForm(),
        registration_url=external(
            "lti.register", cle=registrations.invitation_key(current_app.config["SECRET_KEY"])
        ),
        jwks_url=external("lti.jwks"),
        key=keys.current(folder),
        https=_secure(),
    )


@bp.post("/plateformes/<int:registration_id>/<action>")
@auth.required
def platform_status(registration_id: int, action: str):
    if action not in ("activer", "suspendre"):
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        row = registrations.set_status(g.db, registration_id, action == "activer", _wall_now())
    except LookupError:
        abort(404)
    flash(
        f"Plateforme {row.issuer} {'activée' if row.status == 'active' else 'suspendue'}.",
        "success",
    )
    return redirect(url_for(".platforms"))


@bp.post("/classes/<int:classroom_id>/renvoyer-notes")
@auth.required
def resend_grades(classroom_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    count = grades.resend(g.db, classroom_id)
    flash(f"{count} note(s) seront renvoyées à la plateforme dans la minute.", "success")
    return redirect(url_for("instructor.classroom", classroom_id=classroom_id))
