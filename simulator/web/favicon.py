"""The sandbox's icon: one drawing of our own, for the simulator's tabs and the guide's.

``static/favicon.svg`` is the only copy in the repository. Pages name it with
``<link rel="icon">`` (base.html); ``/favicon.ico`` answers with the same drawing, because
browsers and tools still ask for that address and a 404 there is a console error on every
page. The guide does not keep a copy: its MkDocs hook (docs/overrides/hooks/sandbox.py) adds
this file to the built site as ``assets/favicon.svg``.
"""

from __future__ import annotations

from flask import Flask, Response, current_app

ICON = "favicon.svg"


def init_app(app: Flask) -> None:
    app.add_url_rule("/favicon.ico", "favicon", _favicon)


def _favicon() -> Response:
    response = current_app.send_static_file(ICON)
    response.mimetype = "image/svg+xml"
    return response
