"""Stylesheets, scripts and the icon under an address that names their content, kept by the
browser for a year.

With Flask's default (``Cache-Control: no-cache``) every page asked again for each of them:
four or five conditional requests a page, each one through the app, for files that change
only with a new version of the simulator. ``url_for('static', …)`` now adds ``?v=`` and the
first characters of the file's SHA-256: a changed file gets a new address, so the browser
never keeps a stale copy, and a request that names the current content is answered as
``immutable``. An address without ``v``, or with an old one, keeps the default (revalidated).
"""

from __future__ import annotations

import hashlib
import os
import threading

from flask import Flask, Response, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
_digests: dict[str, tuple[tuple[int, int], str]] = {}
_lock = threading.Lock()


def init_app(app: Flask) -> None:
    @app.url_defaults
    def _name_the_content(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            version = digest(app.static_folder, values.get("filename", ""))
            if version:
                values["v"] = version

    @app.after_request
    def _keep_named_content(response: Response) -> Response:
        if (
            request.endpoint == "static"
            and response.status_code in (200, 304)
            and request.args.get("v")
            and request.args["v"]
            == digest(app.static_folder, (request.view_args or {}).get("filename", ""))
        ):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response


def digest(folder: str | None, filename: str) -> str | None:
    """The file's version (12 hex digits of its SHA-256), read again only when it changed on
    disk; None for a name outside the folder or a missing file."""
    path = safe_join(folder, filename) if folder and filename else None
    if path is None:
        return None
    try:
        stat = os.stat(path)
        key = (stat.st_mtime_ns, stat.st_size)
        known = _digests.get(path)
        if known and known[0] == key:
            return known[1]
        with open(path, "rb") as file:
            version = hashlib.sha256(file.read()).hexdigest()[:12]
    except OSError:  # missing, a folder, unreadable
        return None
    with _lock:
        _digests[path] = (key, version)
    return version
