"""What keeps the simulator from ever serving as a phishing kit, and bad input from a 500.

Every response says « noindex » and refuses to be framed; every POST needs a CSRF token;
every error is a French page with the training banner, never a stack trace.
"""

from __future__ import annotations

from flask import Flask, Response, flash, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

csrf = CSRFProtect()

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

ERROR_TEXTS = {
    400: (
        "Requête invalide",
        "La page a reçu des données qu'elle ne comprend pas. Revenez en arrière et réessayez.",
    ),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: (
        "Page introuvable",
        "Cette page n'existe pas, ou elle appartient à un autre bac à sable.",
    ),
    405: (
        "Méthode non autorisée",
        "Cette adresse ne s'utilise pas ainsi. Passez par les boutons de la page.",
    ),
    413: (
        "Envoi trop volumineux",
        "Les données envoyées sont trop longues. Raccourcissez votre saisie.",
    ),
    414: (
        "Adresse trop longue",
        "L'adresse de cette page est trop longue pour être lue. Revenez au bac à sable, ou "
        "rouvrez le lien de votre fiche tel qu'il est imprimé.",
    ),
    429: ("Trop de tentatives", "Patientez quelques minutes avant de réessayer."),
    431: (
        "En-têtes trop volumineux",
        "Votre navigateur a envoyé trop de données avec la page demandée (souvent des cookies "
        "accumulés). Effacez les cookies de ce site, puis réessayez.",
    ),
    500: (
        "Erreur du simulateur",
        "Le simulateur a rencontré un problème. Rien n'a été enregistré : réessayez.",
    ),
}


# The longest address a page of the simulator ever builds is a few hundred characters (a
# Karbon invitation token, a guided step's « chemin », a learning platform's launch): four
# thousand leave room to spare and stay under every server's own limit (gunicorn's request
# line is set to its maximum, 8190, in __main__.py), so the French 414 below is the one a
# browser meets; longer lines still reach the app's page through simulator/web/server_errors.py.
MAX_URL_LENGTH = 4096
# The error pages a server in front of the app (gunicorn's refusals, nginx's error_page)
# fetches to answer a request it refused before the app could read it.
ERROR_PAGE_RULE = "/erreur/<int:code>"


class NoSandbox(Exception):
    """A page that needs a sandbox was opened by a browser that has none yet."""


def init_app(app: Flask) -> None:
    app.before_request(_server_error)
    app.before_request(_refuse_long_url)
    app.before_request(_refuse_oversized)
    app.before_request(_refuse_nul)
    csrf.init_app(app)
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(NoSandbox, _no_sandbox)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    app.add_url_rule("/robots.txt", "robots", _robots)
    app.add_url_rule(ERROR_PAGE_RULE, "error_page", _error_page)


def _forget_body() -> None:
    """Make the body read as empty from now on, so nothing (the error page's context
    processors build forms) tries to read an oversized body again and raises a second 413
    inside the error handler — which used to end in a bare 500."""
    empty = ImmutableMultiDict()
    request.__dict__["form"] = empty
    request.__dict__["files"] = empty
    request.__dict__["_cached_data"] = b""


def _server_error():
    """The error page itself, answered before anything else runs (no sandbox, no form)."""
    if request.endpoint == "error_page":
        return _error_page(**request.view_args)
    return None


def _error_page(code: int):
    if not 400 <= code <= 599:
        return _render_error(404)
    return _render_error(code)


def _refuse_long_url():
    """An address longer than any the simulator makes: the French 414, before anything
    reads it (the request line as sent: path and query, still percent-encoded)."""
    target = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if target is None:
        query = request.environ.get("QUERY_STRING", "")
        target = request.environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    if len(target) > MAX_URL_LENGTH:
        _forget_body()
        return _render_error(414)
    return None


def _refuse_oversized():
    """Refuse a body over the limit before any view or form reads it.

    A body sent in chunks (``Transfer-Encoding: chunked``, no ``Content-Length``) has no
    length to compare: werkzeug would read it only up to the limit and hand the views what
    it read, so a 1 MB body ran the route on its first 256 KB. It is read here instead, up to
    one byte past the limit, and kept for the form parser when it fits.
    """
    limit = request.max_content_length
    if limit is None:
        return None
    if request.content_length is not None:
        if request.content_length > limit:
            return _too_large()
        return None
    if "chunked" not in request.headers.get("Transfer-Encoding", "").lower():
        return None
    data = _read(request.environ["wsgi.input"], limit + 1)
    if len(data) > limit:
        return _too_large()
    request.__dict__["_cached_data"] = data  # werkzeug parses the form from it
    return None


# What is still read (and dropped) of a refused body so that the browser, still sending, gets
# to read the 413 instead of a connection reset; past this the server just hangs up.
DRAIN_LIMIT = 8 * 1024 * 1024


def _too_large():
    stream = request.environ.get("wsgi.input")
    if stream is not None:  # never past a declared length: a raw socket would wait for more
        _read(stream, min(request.content_length or DRAIN_LIMIT, DRAIN_LIMIT), keep=False)
    _forget_body()
    return _render_error(413)


def _read(stream, size: int, keep: bool = True) -> bytes:
    """Up to ``size`` bytes of the body (or none kept, only read: ``keep=False``)."""
    parts, count = [], 0
    while count < size:
        part = stream.read(min(size - count, 64 * 1024))
        if not part:
            break
        if keep:
            parts.append(part)
        count += len(part)
    return b"".join(parts)


def _refuse_nul():
    """A NUL character is never meant, and PostgreSQL rejects it in text: refuse it here,
    once, with a French message, rather than let any form reach the database with it."""
    for values in (request.args, request.form):
        if any("\x00" in value for value in values.values()):
            return _render_error(
                400, "Votre saisie contient un caractère de contrôle invisible : retapez-la."
            )
    return None


def _headers(response: Response) -> Response:
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    framing = g.get("frame_ancestors")  # a page launched from a platform (simulator/lti)
    if framing:
        response.headers.setdefault(
            "Content-Security-Policy",
            CSP.replace("frame-ancestors 'none'", f"frame-ancestors {framing}"),
        )
    else:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if (
        request.endpoint
        and request.endpoint != "static"
        and "Cache-Control" not in response.headers
    ):
        response.headers["Cache-Control"] = "no-store"
    return response


def _robots() -> Response:
    return Response("User-agent: *\nDisallow: /\n", mimetype="text/plain")


def _render_error(code: int, detail: str | None = None):
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[400 if code < 500 else 500])
    return render_template("error.html", code=code, title=title, text=detail or text), code


def _csrf_error(error: CSRFError):
    detail = (
        "Le formulaire a expiré ou n'a pas été envoyé depuis cette page (jeton de sécurité "
        "manquant ou périmé). Rechargez la page et recommencez : rien n'a été enregistré."
    )
    return _render_error(400, detail)


def _no_sandbox(_error: NoSandbox):
    flash("Ouvrez d'abord votre bac à sable : cliquez sur « Commencer ».", "info")
    return redirect(url_for("sandbox.home"))


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    if error.code == 413:  # a chunked body found too long while being read
        _forget_body()
    return _render_error(error.code)


def _unexpected(error: Exception):
    db = g.get("db")
    if db is not None:
        db.rollback()
    import logging

    logging.getLogger("simulator").exception("Erreur inattendue sur %s", request.path)
    return _render_error(500)
