"""The PIAG (Portail des IA génératives): it has no password of its own, it trusts Cerbère.

Opening the PIAG without a session first asks Cerbère quietly (CAS « gateway »): if the
agent already has a Cerbère session with two factors, the PIAG gets a ticket and the agent
is « automatiquement connecté » (seed 001); otherwise the home page offers « S'authentifier
avec Cerbère ». A PIAG session ends with the Cerbère session it came from.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...services import sessions as session_rows
from ...web.context import ctx
from ...web.login_flow import LoginFlow
from . import common, tickets
from .common import PiagSession
from .common import piag_sessions as sessions

bp = Blueprint("piag", __name__, url_prefix="/piag", template_folder="templates")
LOGIN = LoginFlow(sessions)  # by a Cerbère ticket only

ASSISTANTS = (
    ("Assistant de rédaction", "Reformuler un courrier, proposer un plan de note."),
    ("Synthèse de documents", "Résumer un rapport ou un compte rendu de réunion."),
    ("Traduction", "Traduire un texte administratif en anglais, allemand ou espagnol."),
)


@bp.context_processor
def _layout() -> dict:
    return {"portal_css": "piag", "logout_form": FlaskForm()}


def _account():
    """The PIAG account, while the Cerbère session behind it is still open."""
    account = sessions.account()
    if account is None:
        return None
    opened_by = session_rows.state(sessions.current(), PiagSession).cerbere_session
    if common.live_cerbere_session(opened_by) is None:
        sessions.end()
        return None
    return account


def login_url() -> str:
    return url_for("cerbere.login", service=tickets.PIAG_SERVICE)


@bp.get("/")
def home():
    account = _account()
    if account is None and request.args.get("sso") is None:
        return redirect(url_for("cerbere.login", service=tickets.PIAG_SERVICE, gateway=1))
    return render_template(
        "piag/home.html",
        account=account,
        assistants=ASSISTANTS,
        login_url=login_url(),
        logged_out=request.args.get("sso") == "deconnecte",
    )


@bp.get("/connexion")
def callback():
    """The service address Cerbère sends the browser back to, with or without a ticket."""
    ticket = request.args.get("ticket")
    if ticket is None:
        return redirect(url_for(".home", sso="non"))
    context = ctx()
    account = context.account(common.PORTAL)
    session_id = tickets.redeem(context, account, ticket, tickets.PIAG_SERVICE)
    cerbere_row = common.live_cerbere_session(session_id)
    if cerbere_row is None or common.level_of(cerbere_row) != common.LEVEL_2FA:
        return render_template("piag/ticket_refused.html", login_url=login_url()), 404
    LOGIN.signed_in(
        account,
        second_factor="totp",
        reason="PIAG : connexion par Cerbère (ticket)",
        state=PiagSession(cerbere_session=cerbere_row.id),
    )
    return redirect(url_for(".home"))


@bp.post("/deconnexion")
def logout():
    """Leaving the PIAG leaves Cerbère too, or the next visit would log straight back in."""
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".home"))
    row = sessions.current()
    if row is not None:
        opened_by = session_rows.state(row, PiagSession).cerbere_session
        common.end_single_sign_on(common.live_cerbere_session(opened_by))
    sessions.end()
    return redirect(url_for(".home", sso="deconnecte"))
