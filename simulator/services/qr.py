"""QR codes that the portals show, and that the sandbox authenticator can « scan ».

Every QR code is a standard ``otpauth://totp/`` URI, so a real phone app reads it too. The
sandbox also remembers the last few QR codes shown to this trainee: the virtual
authenticator offers them as « codes QR à l'écran », which is what scanning means here.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

from ..domain import totp
from . import state
from .context import SandboxContext

SHOWN_KEPT = 5


@dataclass(frozen=True)
class QrCode:
    uri: str
    svg: str
    secret: str
    grouped_secret: str
    issuer: str
    account_name: str


def svg_of(text: str, scale: int = 4) -> str:
    return segno.make(text, error="m").svg_inline(scale=scale, border=2, omitsize=True)


def show_totp(ctx: SandboxContext, secret: str, account_name: str, portal_name: str) -> QrCode:
    issuer = totp.sandbox_issuer(portal_name)
    uri = totp.provisioning_uri(secret, account_name, issuer)
    others = [s for s in state.sandbox_settings(ctx.sandbox).qr_shown if s.uri != uri]
    first = state.ShownQr(uri=uri, issuer=issuer, account_name=account_name)
    state.change_sandbox_settings(ctx.sandbox, qr_shown=[first, *others][:SHOWN_KEPT])
    return QrCode(uri, svg_of(uri), secret, totp.group_secret(secret), issuer, account_name)


def shown(ctx: SandboxContext) -> list[dict]:
    return [s.model_dump() for s in state.sandbox_settings(ctx.sandbox).qr_shown]


def forget_secret(ctx: SandboxContext, secret: str) -> None:
    """A voided secret's QR code is no longer on any screen: the authenticator stops offering it."""
    kept = [
        s
        for s in state.sandbox_settings(ctx.sandbox).qr_shown
        if totp.parse_uri(s.uri).secret != secret
    ]
    state.change_sandbox_settings(ctx.sandbox, qr_shown=kept)
