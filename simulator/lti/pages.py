"""What the tool's pages share: the blueprint, public addresses, the refusal page, and the
pylti1p3 objects bound to the simulator's database."""

from __future__ import annotations

import requests
from flask import Blueprint, current_app, g, render_template, request, url_for
from pylti1p3.contrib.flask import FlaskRequest

from . import errors, tool

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


def secure() -> bool:
    return request.is_secure or bool(current_app.config.get("SIM_HTTPS"))


def conf() -> tool.DbToolConf:
    return tool.DbToolConf(g.db, current_app.config["LTI_KEY_FOLDER"])


def lti_request() -> FlaskRequest:
    return FlaskRequest(request_is_secure=secure())


def refuse(refusal: errors.Refusal, detail: str | None = None, new_window: str | None = None):
    return render_template(
        "lti/refused.html", refusal=refusal, detail=detail, new_window=new_window
    ), refusal.status


def param(name: str) -> str | None:
    value = (request.form if request.method == "POST" else request.args).get(name)
    return value[:2000] if isinstance(value, str) else None


def origin_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def wall_now():
    return current_app.extensions["sim.wall_clock"].now()
