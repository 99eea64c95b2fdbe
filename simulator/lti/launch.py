"""OIDC login, launch, the entry that checks the cookie stuck, and the JWKS. Every check of
a token is pylti1p3's; this module maps a valid launch to the simulator's pages."""

from __future__ import annotations

import jwt
from flask import current_app, flash, g, jsonify, redirect, request, session, url_for
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from ..instructor import auth
from ..services import exercises, sandboxes
from ..web.context import adopt, hash_method
from . import SCOPE_KEY, errors, grades, identity, keys, registrations, roster, tool
from .pages import (
    LTI_KEY,
    TICKET_SECONDS,
    TimeoutSession,
    bp,
    conf,
    external,
    lti_request,
    origin_of,
    param,
    refuse,
    wall_now,
)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """OIDC third-party initiated login: check who asks, then send the browser back to the
    platform's authorization endpoint with a state (cookie) and a nonce (stored)."""
    registration = registrations.find(g.db, param("iss"), param("client_id"))
    if not param("iss") or not param("login_hint"):
        return refuse(errors.NOT_A_LAUNCH)
    if registration is None:
        return refuse(errors.UNKNOWN_PLATFORM)
    if registration.status != "active":
        return refuse(errors.PENDING)
    oidc = FlaskOIDCLogin(lti_request(), conf(), launch_data_storage=tool.DbLaunchDataStorage(g.db))
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
    token = param("id_token")
    if not token or not param("state"):
        return refuse(errors.NOT_A_LAUNCH)
    early = _platform_refusal(_unverified(token))
    if early is not None:
        return refuse(early)
    storage = tool.DbLaunchDataStorage(g.db)
    message = FlaskMessageLaunch(
        lti_request(), conf(), launch_data_storage=storage, requests_session=TimeoutSession()
    )
    message.set_public_key_caching(storage, cache_lifetime=300)
    message.set_launch_data_lifetime(3600)  # the library's copy; an hour is plenty
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
    origin = origin_of(registration.auth_login_url)
    if message.is_deep_link_launch():
        from .deep_linking import page as deep_linking_page

        return deep_linking_page(message, body, origin)
    try:
        landing, link, user = identity.land(
            g.db,
            registration,
            body,
            wall_now(),
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


def _read_roster(message, classroom_id: int) -> None:
    if message.has_nrps():
        claim = message.get_launch_data().get(identity.NRPS)
        registration = message._registration  # noqa: SLF001 - ours (tool.ToolRegistration)
        roster.refresh(g.db, classroom_id, registration, claim, TimeoutSession(), wall_now())


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
        adopt(sandboxes.get(g.db, target["sandbox"]))
    else:
        session.clear()
        auth.open_session()
        session[SCOPE_KEY] = {"sid": session[auth.SESSION_KEY], "classroom": target["classroom"]}
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
