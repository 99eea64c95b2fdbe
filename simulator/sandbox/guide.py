"""The built guide (MkDocs) served beside the sandbox, under /guide/.

`make serve` builds it when missing or stale. Material's pages carry small inline scripts,
so these responses get a content policy that allows them; nothing else does.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_from_directory
from werkzeug.security import safe_join

bp = Blueprint("guide", __name__, url_prefix="/guide")

GUIDE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def site_dir() -> Path:
    return Path(current_app.config.get("GUIDE_DIR") or Path(current_app.root_path).parent / "site")


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def page(path: str):
    root = site_dir()
    if not (root / "index.html").exists():
        return render_template("sandbox/guide_missing.html"), 404
    target = safe_join(str(root), path)
    if target is None:
        abort(404)
    if Path(target).is_dir():
        path = f"{path.rstrip('/')}/index.html".lstrip("/")
    if not Path(safe_join(str(root), path) or "").is_file():
        abort(404)
    response = send_from_directory(root, path, max_age=300)
    response.headers["Content-Security-Policy"] = GUIDE_CSP
    return response
