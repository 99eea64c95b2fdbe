"""What OneGov's pages share: the blueprint, its sessions, its sender, the organisation policy.

The policy is the organisation's setting the seed warns about (« votre organisation peut
avoir des spécifications qui empêchent l'activation »). It is a column of the sandbox so a
trainer can change it, and the sandbox's fault switch ``onegov_forbids_2fa`` forces it to
« interdite » so the incident page alone can show the greyed-out switch.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, flash, g, redirect, url_for

from ...domain.registry import BY_KEY
from ...services import factors, portal_settings
from ...services.context import SandboxContext
from ...store import Account
from ...web.context import ctx
from ...web.portal_session import PortalSessions

PORTAL = "onegov"
PATH = "/onegov"
NAME = BY_KEY[PORTAL].name
SENDER = BY_KEY[PORTAL].mail_sender
FACTOR_NAME = "OneGov GED"

ALLOWED, REQUIRED, FORBIDDEN = "allowed", "required", "forbidden"
POLICIES = {
    ALLOWED: "Autorisée (chaque utilisateur choisit)",
    REQUIRED: "Obligatoire (configuration imposée après la connexion)",
    FORBIDDEN: "Interdite (l'interrupteur est désactivé)",
}

bp = Blueprint("onegov", __name__, url_prefix=PATH, template_folder="templates")
sessions = PortalSessions(PORTAL, PATH)


@bp.context_processor
def _portal_css() -> dict:
    # An error page may be drawn for a browser without a sandbox: no user menu then.
    user = sessions.account() if g.get("ctx") is not None else None
    return {"portal_css": "onegov", "onegov_user": user}


def policy(context: SandboxContext) -> str:
    """The policy in force: the fault switch wins, then the trainer's setting, else allowed."""
    if context.faults.onegov_forbids_2fa:
        return FORBIDDEN
    return chosen_policy(context)


def chosen_policy(context: SandboxContext) -> str:
    """The administrator's setting alone (the organisation's, « Autorisée » by default)."""
    return portal_settings.read(context, PORTAL).policy


def set_policy(context: SandboxContext, value: str) -> None:
    portal_settings.change(context, PORTAL, policy=value)


def totp_factor(account: Account):
    return factors.active(account, "totp", FACTOR_NAME)


def must_enrol(account: Account) -> bool:
    """Under the « obligatoire » policy, an account without 2FA may only reach the set-up."""
    return policy(ctx()) == REQUIRED and totp_factor(account) is None


def login_required(view):
    """The logged-in account is passed to the view; otherwise back to the login page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        account = sessions.account()
        if account is None:
            flash("Votre session a expiré ou vous n'êtes pas connecté.", "info")
            return redirect(url_for("onegov.login"))
        return view(account, *args, **kwargs)

    return wrapper


def password_notice(context: SandboxContext, account: Account) -> None:
    from ...services import messages

    messages.deliver_mail(
        context,
        sender=SENDER,
        recipient=account.email,
        subject=f"{NAME} : votre mot de passe a été modifié",
        body=(
            f"Bonjour {account.display_name},\n\nLe mot de passe de votre compte {NAME} "
            f"(identifiant : {account.username}) vient d'être modifié.\n\n"
            "Si vous n'êtes pas à l'origine de ce changement, contactez la personne responsable de votre système.\n\n"
            "(Message du simulateur de formation — aucune donnée réelle.)"
        ),
        portal=PORTAL,
        kind="security_notice",
    )
