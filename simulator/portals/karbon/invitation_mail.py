"""The firm's invitation e-mail: a single-use link to choose one's password.

The link is written as ``[Accepter l'invitation](/karbon/invitation/…)``: the sandbox
mailbox shows it as a button, and a path without host keeps screenshots identical whatever
port the simulator runs on.
"""

from __future__ import annotations

from flask import url_for

from ...domain.clock import format_fr
from ...services import messages, state
from ...services.context import SandboxContext
from ...store import Account
from . import common, invitations

TOKEN_BYTES = 24  # 192 bits, 48 hexadecimal characters


def send(context: SandboxContext, account: Account) -> None:
    """A new link (the previous one stops working) and the mail that carries it."""
    token = context.token(TOKEN_BYTES)
    now = context.now()
    state.transform_account_state(account, lambda s: invitations.issued(s, token, now))
    link = url_for("karbon.accept_invitation", token=token)
    expires = format_fr(now + invitations.LIFETIME)
    body = (
        f"Bonjour {account.display_name},\n\n"
        f"{common.FIRM} vous invite à rejoindre son portail client, pour échanger vos documents "
        "et suivre vos demandes en toute sécurité.\n\n"
        f"[Accepter l'invitation]({link})\n\n"
        f"Votre nom d'utilisateur : {account.username}\n"
        f"Ce lien ne sert qu'une fois et expire le {expires}.\n\n"
        "Votre cabinet exige peut-être l'authentification à deux facteurs : préparez votre "
        "téléphone avec une application d'authentification (Google Authenticator, Okta Verify, "
        "Microsoft Authenticator ou Authy).\n\n"
        "(Message du simulateur de formation — aucune donnée réelle.)"
    )
    messages.deliver_mail(
        context,
        sender=common.SENDER,
        recipient=account.email,
        subject=f"{common.FIRM} vous invite sur son portail client",
        body=body,
        portal=common.PORTAL,
        kind="karbon_invitation",
    )
