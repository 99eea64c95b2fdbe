"""``?page=N`` on the mailbox and the phone: read it, link it, and send a wrong one home.

A page number that does not exist (0, past the end after a reset, « abc », a thousand
digits) is not an error worth a message: the browser is redirected to the nearest page that
exists (the first for anything that is not a number), so an old bookmark still lands.
"""

from __future__ import annotations

from flask import Flask, redirect, request, url_for

MAX_DIGITS = 6


def asked() -> int | None:
    """The page asked for: 1 when none is, None when ``page`` is not a page number at all."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_DIGITS:
        return None
    return int(raw)


def page_url(number: int) -> str:
    """This page's address at page ``number`` (the first page has no ``?page=``)."""
    args = dict(request.view_args or {})
    if number > 1:
        args["page"] = number
    return url_for(request.endpoint, **args)


def redirect_to(number: int):
    return redirect(page_url(number))


def init_app(app: Flask) -> None:
    app.add_template_global(page_url, "page_url")
