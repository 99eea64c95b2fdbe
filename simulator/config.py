"""Settings: defaults here, overridden by ``SIM_*`` environment variables or a test config."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DEFAULT_PORT = 5000
MODES = (
    "normal",
    "walkthrough",
    "test",
    "dev",
)  # dev: normal, plus saving recordings in the checkout


def _instance_secret(instance: Path) -> str:
    """A secret generated once per installation, never a constant in the code."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def from_environment(instance: Path) -> dict:
    env = os.environ
    mode = env.get("SIM_MODE", "normal")
    if mode not in MODES:
        raise SystemExit(f"SIM_MODE must be one of {', '.join(MODES)}, not {mode!r}")
    return {
        "SECRET_KEY": env.get("SIM_SECRET_KEY") or _instance_secret(instance),
        "DATABASE_URL": env.get("SIM_DATABASE_URL")
        or f"sqlite:///{instance / 'bac-a-sable.sqlite'}",
        "SIM_HOST": env.get("SIM_HOST", "127.0.0.1"),
        "SIM_PORT": int(env.get("SIM_PORT", DEFAULT_PORT)),
        "SIM_SEED": int(env["SIM_SEED"]) if env.get("SIM_SEED") else None,
        "SIM_MODE": "normal" if mode == "dev" else mode,
        "SIM_DEV": mode == "dev",
        "SIM_FROZEN_TIME": env.get("SIM_FROZEN_TIME"),
        "SIM_HTTPS": env.get("SIM_HTTPS", "") in ("1", "true", "yes"),
        # The address trainees type (the room's, or the load balancer's): start-up prints it,
        # the roster cards and their QR codes carry it.
        "SIM_PUBLIC_URL": (env.get("SIM_PUBLIC_URL") or "").strip().rstrip("/") or None,
        # How many reverse proxies (nginx) stand in front: their X-Forwarded-* are trusted.
        "SIM_TRUSTED_PROXIES": int(env.get("SIM_TRUSTED_PROXIES") or 0),
        "INSTRUCTOR_PASSWORD": env.get("SIM_INSTRUCTOR_PASSWORD"),
        "SIM_PORTALS": portals_from(env.get("SIM_PORTALS")),
        **(
            {"SIM_MAX_SANDBOXES": int(env["SIM_MAX_SANDBOXES"])}
            if env.get("SIM_MAX_SANDBOXES")
            else {}
        ),
        **(
            {"SIM_SANDBOX_DAYS": int(env["SIM_SANDBOX_DAYS"])}
            if env.get("SIM_SANDBOX_DAYS")
            else {}
        ),
    }


def portals_from(value: str | None) -> tuple[str, ...] | None:
    """``SIM_PORTALS=pigp,karbon`` opens only those portals (a class on one procedure)."""
    return tuple(p.strip() for p in value.split(",") if p.strip()) if value else None


DEFAULTS = {
    # scrypt at half werkzeug's default cost: every sandbox hashes five generated training
    # passwords at creation, and a class of 30 must be ready in seconds on a 2-core machine.
    # Tests lower the cost further through their own config.
    "PASSWORD_HASH_METHOD": "scrypt:16384:8:1",
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # Sandboxes a server holds at most (« Commencer » refuses beyond, with a French message).
    "SIM_MAX_SANDBOXES": 2000,
    # Days a sandbox outside any class is kept without activity (its records go with it);
    # a class's sandboxes stay until its trainer closes it. 0 keeps them all.
    "SIM_SANDBOX_DAYS": 30,
    "SESSION_COOKIE_NAME": "bac_a_sable",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
    # The cookie is sent back only when the session changed: with Flask's default, every
    # response of a polling tab (authenticator, guided panel) re-sent the session as it was when
    # that request began, and could put back a cookie without the message a form had just set.
    "SESSION_REFRESH_EACH_REQUEST": False,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: no stale form after lunch
    "WTF_CSRF_SSL_STRICT": False,
    "JSON_AS_ASCII": False,
}

# The frozen instant walkthroughs and tests start from: a Monday morning in Paris.
DEFAULT_FROZEN_TIME = "2026-03-02T08:00:00+00:00"


def is_loopback_url(url: str) -> bool:
    """Whether an address only reaches the machine itself (useless on a trainee's PC)."""
    import ipaddress
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def display_url(url: str) -> str:
    """A database URL fit to print: the password, if any, hidden."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - printing must never fail
        return url
