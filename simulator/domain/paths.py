"""Paths a request may send a browser back to: this site's own, never another host's.

The « next » of the sandbox clock, guided mode's current page, record mode's way back and the
pages a recorded action happened on all come from the browser; one rule refuses open
redirects for all of them.
"""

from __future__ import annotations

import re

# A path on this site: printable ASCII only (browsers drop tabs and newlines, so « /\t/x »
# would become « //x », another host), never « // » or a backslash.
_LOCAL_PATH = re.compile(r"/(?![/\\])[\x21-\x5b\x5d-\x7e]*")


def local_path(target: object, prefix: str = "/") -> str | None:
    """``target`` if it is a path of this site under ``prefix``, else None (open redirects).

    Refused: absolute URLs, scheme-relative ``//host``, backslashes (browsers read ``/\\host``
    as a host), control characters and spaces, ``..`` segments, over 300 characters.
    """
    if not isinstance(target, str) or len(target) > 300 or not _LOCAL_PATH.fullmatch(target):
        return None
    if ".." in target.split("?")[0].split("/") or not target.startswith(prefix):
        return None
    return target
