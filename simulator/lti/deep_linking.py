"""Deep linking: the teacher picks exercises (one, several, all) and how to group them; the
answer goes back to the platform as a signed LtiDeepLinkingResponse (pylti1p3's DeepLink)."""

from __future__ import annotations

from flask import current_app, g, render_template, request, session
from flask_wtf import FlaskForm
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from ..services import exercises
from ..web.security import CSP
from . import errors, identity, keys, registrations, tool
from .pages import LTI_KEY, bp, external, origin_of, refuse


class PickForm(FlaskForm):
    pass


def page(message, body: dict, origin: str):
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
    row = registrations.get(g.db, saved["registration"])
    if row is None or row.status != "active":
        return refuse(errors.PENDING)
    registration = tool.ToolRegistration(row, keys.current(current_app.config["LTI_KEY_FOLDER"]))
    body = saved["body"]
    groups = [chosen] if mode == "ensemble" else [[key] for key in chosen]
    resources = [_resource(group) for group in groups]
    settings = body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
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
    origin = origin_of(settings["deep_link_return_url"])
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
