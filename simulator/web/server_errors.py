"""The requests gunicorn refuses before the app sees them, answered with the app's own page.

A request line longer than gunicorn's limit, a header field too large, a malformed request:
gunicorn answers them itself (``handle_error``), in English, without the training banner,
``X-Robots-Tag: noindex`` or the content policy. Its workers are subclassed here so that the
same refusal comes back as the simulator's French page: the app draws it, through its whole
stack (after-request headers included), as its page ``/erreur/<status>`` — the one nginx's
``error_page`` fetches too (docs/deploiement/nginx.conf).
"""

from __future__ import annotations

from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

# gunicorn's own choice of status for each refusal (workers/base.py), kept as is.
_STATUS = (
    (errors.LimitRequestLine, 414),
    (errors.LimitRequestHeaders, 431),
    (errors.ForbiddenProxyRequest, 403),
    (errors.ExpectationFailed, 417),
    (errors.UnsupportedTransferCoding, 501),
    (
        (
            errors.InvalidRequestLine,
            errors.InvalidRequestMethod,
            errors.InvalidHTTPVersion,
            errors.InvalidHeader,
            errors.InvalidHeaderName,
            errors.InvalidProxyLine,
            errors.InvalidSchemeHeaders,
            errors.ObsoleteFolding,
            errors.InvalidChunkSize,
            errors.ChunkMissingTerminator,
            errors.InvalidChunkExtension,
            errors.InvalidH2CPreface,
        ),
        400,
    ),
)
# Never copied from the app's answer: the connection ends after the page, and a refused
# request opens no session.
_DROPPED = {"connection", "content-length", "set-cookie", "transfer-encoding", "keep-alive"}


def status_for(exc: BaseException) -> int | None:
    """The status of a refused request, or None when the fault is not the client's."""
    for kinds, status in _STATUS:
        if isinstance(exc, kinds):
            return status
    return None


def page_bytes(app, status: int) -> bytes:
    """The whole HTTP response (status line, the app's headers, its French page)."""
    response = app.test_client().get(f"/erreur/{status}")
    body = response.get_data()
    lines = [f"HTTP/1.1 {response.status}"]
    lines += [f"{k}: {v}" for k, v in response.headers.items() if k.lower() not in _DROPPED]
    lines += ["Connection: close", f"Content-Length: {len(body)}", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


class _AppErrors:
    """Mixed into gunicorn's workers: the refusal comes back as the app's page."""

    def handle_error(self, req, client, addr, exc):
        status = status_for(exc)
        if status is None:
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Requête refusée (%s) : %s", status, exc)
        try:
            client.sendall(page_bytes(self.wsgi, status))
        except Exception:  # noqa: BLE001 - the client may be gone; nothing else to tell it
            self.log.debug("Page d'erreur non envoyée.")
        return None


class AppErrorsThreadWorker(_AppErrors, ThreadWorker):
    pass


class AppErrorsSyncWorker(_AppErrors, SyncWorker):
    pass
