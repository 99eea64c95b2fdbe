"""Login: identifiant and password, then the code sent by e-mail, then the trust cookie.

Seed 000 §2: leaving the code page (in the same tab) cancels the pending login, so no trust
cookie is installed and the trainee must start over. The page tells the server through a
beacon on ``pagehide``; opening the mailbox in a second tab does not fire it.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from ...domain import codes, outbox, trust
from ...services import challenges, second_factor, trust_devices
from ...web.code_step import CodeStep, SentCode
from ...web.context import ctx
from ...web.login_flow import LoginFlow
from ...web.password_step import PasswordStep
from ...web.portal_session import FlowState, schedule_cookie
from . import common
from .common import sessions
from .forms import CodeForm, LoginForm

bp = Blueprint("pigp", __name__, url_prefix=common.PATH, template_folder="templates")
bp.context_processor(common.context_processor)


class PigpLogin(FlowState, SentCode):
    """The login waiting for its e-mailed code: the request it was sent for (``SentCode``)
    and why the code was asked (no trust cookie, an expired one...), for the history."""

    why: str = ""


LOGIN = LoginFlow(sessions, model=PigpLogin)
PASSWORD = PasswordStep(LOGIN, common.PORTAL)
ABANDONED_FR = (
    "Votre connexion a été interrompue car vous avez quitté la page du code : aucun cookie "
    "n'a été installé. Recommencez : un nouveau code vous sera envoyé."
)


@bp.get("/")
def index():
    return redirect(url_for(".home" if sessions.account() else ".login"))


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    _abandon_pending("retour à la page de connexion")
    form = LoginForm()
    hint = None
    if form.validate_on_submit():
        account, verdict = PASSWORD.check(form.username.data, form.password.data)
        if account is not None:
            return _after_password(account)
        if (
            codes.normalize(form.password.data) is not None
        ):  # seed 000 §4: the code, typed as password
            hint = "code"
        form.password.errors = [verdict.message]
    status = 400 if form.errors else 200
    return render_template("pigp/login.html", form=form, hint=hint), status


def _after_password(account):
    context = ctx()
    cookie = request.cookies.get(common.TRUST_COOKIE)
    verdict, _record = trust_devices.check(context, account, common.trust_codec(), cookie)
    if verdict is trust.TrustCheck.OK:
        LOGIN.signed_in(
            account, second_factor=None, reason="poste de confiance reconnu : code non demandé"
        )
        flash("Poste de confiance reconnu : le code n'a pas été demandé.", "success")
        return redirect(url_for(".home"))
    request_id = context.token()
    LOGIN.begin(account, "code", request_id=request_id, why=trust.REASON_FR[verdict])
    _send_code(account, request_id)
    return redirect(url_for(".code"))


def _destination(account) -> str:
    return outbox.misspell(account.email) if ctx().faults.wrong_address else account.email


def _send_code(account, request_id: str) -> None:
    def build(code: str) -> tuple[str, str]:
        return "PIGP - Votre code de connexion", (
            f"Bonjour,\n\nVoici votre code de connexion au PIGP : {code}\n\n"
            "Ce code est valable 30 minutes. Saisissez-le dans la page de connexion restée ouverte.\n"
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\n"
            "Ceci est un message automatique, merci de ne pas y répondre.\n"
            "(Simulateur de formation — aucune donnée réelle.)"
        )

    challenges.send_by_mail(
        ctx(),
        account,
        request_id,
        purpose="pigp_login",
        lifetime=codes.PIGP_EMAIL_LIFETIME,
        sender=common.SENDER,
        recipient=_destination(account),
        build=build,
        portal=common.PORTAL,
    )


def _pending():
    """The login waiting for its code, with its account; (None, None) when there is none."""
    return LOGIN.pending("code", "abandoned")


def _abandon_pending(why: str) -> None:
    row = LOGIN.require("code")
    if row is None:
        return
    challenges.void_request(ctx(), LOGIN.state(row).request_id)
    LOGIN.abandon(
        row, step="abandoned", second_factor="email", reason=f"connexion interrompue : {why}"
    )


def _code_page(account, row) -> dict:
    latest = challenges.latest(ctx(), LOGIN.state(row).request_id)
    return {
        "destination": _destination(account),
        "sender": common.SENDER,
        "resend_form": FlaskForm(),
        "sent_at": latest.created_at if latest else None,
        "expires_at": latest.expires_at if latest else None,
    }


def _start_over():
    flash("Commencez par saisir votre identifiant et votre mot de passe.", "info")
    return redirect(url_for(".login"))


CODE_STEP = CodeStep(
    LOGIN,
    "code",
    second_factor.sent_code("email"),
    CodeForm,
    "pigp/code.html",
    label="PIGP : code reçu par courriel",
    succeed=lambda account, row: _logged_in(account, LOGIN.state(row).why),
    start_over=_start_over,
    page=_code_page,
)


@bp.route("/code", methods=["GET", "POST"])
def code():
    if LOGIN.require("abandoned") is not None:
        LOGIN.clear()
        flash(ABANDONED_FR, "error")
        return redirect(url_for(".login"))
    return CODE_STEP.handle()


def _logged_in(account, why: str):
    """Full login: a new session identifier, and the trust cookie for 6 months."""
    LOGIN.signed_in(account, second_factor="email", reason=f"code demandé : {why}")
    _record, value = trust_devices.install(
        ctx(), account, common.trust_codec(), request.user_agent.string
    )
    schedule_cookie(common.TRUST_COOKIE, value, path=common.PATH, max_age=common.TRUST_MAX_AGE)
    flash("Connexion réussie. Ce poste est désormais reconnu pendant 6 mois.", "success")
    return redirect(url_for(".home"))


@bp.post("/code/nouveau")
def resend():
    row, account = _pending()
    login = LOGIN.state(row) if row is not None else None
    if login is None or login.step != "code" or not FlaskForm().validate_on_submit():
        flash("Cette demande de code n'est plus valable : recommencez la connexion.", "error")
        return redirect(url_for(".login"))
    if challenges.sent_count(ctx(), login.request_id) >= common.MAX_CODES_PER_LOGIN:
        flash(
            "Trop de codes demandés pour cette connexion. Vérifiez vos courriers indésirables et vos "
            "règles de filtrage, puis contactez votre comptable si l'adresse est erronée.",
            "error",
        )
        return redirect(url_for(".code"))
    _send_code(account, login.request_id)
    flash("Un nouveau code vous a été envoyé ; le précédent n'est plus valable.", "success")
    return redirect(url_for(".code"))


@bp.post("/code/abandon")
def abandon():
    """Called by the code page's beacon when the trainee leaves it in the same tab."""
    if FlaskForm().validate_on_submit():
        _abandon_pending("page du code quittée avant la saisie")
    return "", 204


@bp.get("/accueil")
def home():
    account = sessions.account()
    if account is None:
        flash("Votre session a expiré ou vous n'êtes pas connecté.", "info")
        return redirect(url_for(".login"))
    return render_template("pigp/home.html", account=account, logout_form=FlaskForm())


@bp.post("/deconnexion")
def logout():
    if FlaskForm().validate_on_submit():
        sessions.end()
        flash("Vous êtes déconnecté. Le cookie de confiance reste sur ce poste.", "success")
    return redirect(url_for(".login"))
