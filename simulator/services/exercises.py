"""The exercise catalogue, and what proves each one done.

Completion is read from what really happened in the sandbox (a confirmed factor, an
installed trust record, a used recovery code, a login by SMS…), never from a box the
trainee ticks. Fault exercises switch their incident on, and count only what was done
while it was on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from ..store import Account, LoginEvent, Message, RecoveryCode, TrustedDevice
from .context import SandboxContext


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    portal: str
    goal: str
    guide: str
    done: Callable[[SandboxContext], bool]
    fault: str | None = None


def _account(ctx: SandboxContext, portal: str) -> Account | None:
    return next((a for a in ctx.sandbox.accounts if a.portal == portal), None)


def _has_factor(ctx, portal: str, kind: str, name_has: str = "") -> bool:
    account = _account(ctx, portal)
    return account is not None and any(
        f.kind == kind and name_has.casefold() in (f.name or "").casefold() for f in account.factors
    )


def _logged_in_with(ctx, portal: str, second_factor: str) -> bool:
    account = _account(ctx, portal)
    if account is None:
        return False
    return ctx.db.scalars(
        select(LoginEvent.id).where(LoginEvent.account_id == account.id, LoginEvent.success.is_(True),
                                    LoginEvent.second_factor == second_factor)
    ).first() is not None


def _trusted_pigp(ctx) -> bool:
    account = _account(ctx, "pigp")
    return account is not None and ctx.db.scalars(
        select(TrustedDevice.id).where(TrustedDevice.account_id == account.id)
    ).first() is not None


def _code_read_in_spam(ctx) -> bool:
    read = ctx.db.scalars(
        select(Message.id).where(Message.sandbox_id == ctx.sandbox.id, Message.portal == "pigp",
                                 Message.kind == "pigp_login", Message.folder == "spam", Message.read_at.is_not(None))
    ).first()
    return read is not None and _logged_in_with(ctx, "pigp", "email")


def _late_message_used(ctx, channel: str, portal: str, second_factor: str) -> bool:
    late = [m for m in ctx.db.scalars(select(Message).where(
        Message.sandbox_id == ctx.sandbox.id, Message.channel == channel, Message.portal == portal,
        Message.read_at.is_not(None))) if (m.deliver_at - m.created_at).total_seconds() >= 120]
    return bool(late) and _logged_in_with(ctx, portal, second_factor)


def _recovery_code_used(ctx, portal: str = "karbon") -> bool:
    account = _account(ctx, portal)
    return account is not None and ctx.db.scalars(
        select(RecoveryCode.id).where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_not(None))
    ).first() is not None


def _seen(ctx, page: str) -> bool:
    return page in (ctx.sandbox.settings or {}).get("seen", [])


CATALOGUE: tuple[Exercise, ...] = (
    Exercise("pigp-premiere-connexion", "Première connexion au PIGP sans perdre le cookie", "pigp",
             "Connectez-vous avec le code reçu par courriel, la messagerie dans un deuxième onglet, pour que le poste soit reconnu 6 mois.",
             "pigp.md", _trusted_pigp),
    Exercise("pigp-code-indesirable", "Retrouver le code dans le courrier indésirable", "pigp",
             "Le code du PIGP arrive en indésirables : trouvez-le et connectez-vous.",
             "pigp.md", _code_read_in_spam, fault="mail_to_spam"),
    Exercise("pigp-courriel-retarde", "Attendre un courriel retardé", "pigp",
             "Le courriel met 10 minutes à arriver : avancez l'horloge plutôt que de redemander des codes, puis connectez-vous.",
             "pigp.md", lambda c: _late_message_used(c, "mail", "pigp", "email"), fault="mail_delay_minutes"),
    Exercise("pigp-adresse-erronee", "Le code ne vient jamais : à qui s'adresser ?", "pigp",
             "L'adresse enregistrée est erronée : trouvez dans le PIGP qui peut la corriger.",
             "pigp.md", lambda c: _seen(c, "pigp_help"), fault="wrong_address"),
    Exercise("bnum-2fa", "Activer la 2FA sur le BNUM", "cerbere",
             "Configurez l'application d'authentification pour le BNUM : c'est le prérequis du PIAG.",
             "piag.md", lambda c: _has_factor(c, "cerbere", "totp", "bnum")),
    Exercise("piag-otp-mel", "Activer OTP Mél sur Cerbère et entrer dans le PIAG", "cerbere",
             "Après le refus « authentification trop faible », ajoutez la méthode OTP Mél et revenez au PIAG.",
             "piag.md", lambda c: _has_factor(c, "cerbere", "totp", "otp")),
    Exercise("karbon-configuration", "Configurer la 2FA de Karbon et garder les codes de récupération", "karbon",
             "Suivez l'invitation, scannez le code QR, confirmez le premier code, enregistrez les codes de récupération.",
             "karbon.md", lambda c: _has_factor(c, "karbon", "totp")),
    Exercise("karbon-code-recuperation", "Téléphone perdu : revenir avec un code de récupération", "karbon",
             "Votre application d'authentification est vide : connectez-vous à Karbon avec un code de récupération.",
             "karbon.md", _recovery_code_used, fault="phone_lost"),
    Exercise("onegov-2fa", "Activer la 2FA dans Mon portail (OneGov GED)", "onegov",
             "Depuis Mon portail, activez l'interrupteur, scannez le code QR et vérifiez le code.",
             "onegov.md", lambda c: _has_factor(c, "onegov", "totp")),
    Exercise("onegov-2fa-interdite", "L'organisation interdit la 2FA", "onegov",
             "L'interrupteur est grisé : ouvrez Mon portail et lisez à qui vous adresser.",
             "onegov.md", lambda c: _seen(c, "onegov_portal_forbidden"), fault="onegov_forbids_2fa"),
    Exercise("eulogin-sms", "Ajouter un portable +33 et se connecter par SMS", "eulogin",
             "Dans EU Login, ajoutez votre numéro au format international, confirmez le code « challenge », puis connectez-vous par SMS.",
             "traces.md", lambda c: _has_factor(c, "eulogin", "sms") and _logged_in_with(c, "eulogin", "sms")),
    Exercise("eulogin-sms-retard", "Un SMS en retard : patienter jusqu'à 15 minutes", "eulogin",
             "Le SMS tarde : attendez (avancez l'horloge) au lieu de renvoyer des codes, puis terminez.",
             "traces.md", lambda c: _late_message_used(c, "sms", "eulogin", "sms"), fault="sms_late"),
)

BY_KEY = {e.key: e for e in CATALOGUE}
FAULT_VALUES = {"mail_delay_minutes": 10}  # « quelques minutes », well within the 30-minute code


def progress(ctx: SandboxContext) -> dict[str, bool]:
    return {exercise.key: bool(exercise.done(ctx)) for exercise in CATALOGUE}


# Pages whose visit during an incident is the proof of its exercise (the way out is to read
# them): path -> (what was seen, the fault that must be on).
SEEN_PAGES = {
    "/pigp/aide": ("pigp_help", "wrong_address"),
    "/onegov/portail": ("onegov_portal_forbidden", "onegov_forbids_2fa"),
}


def record_visit(ctx: SandboxContext, path: str) -> None:
    entry = SEEN_PAGES.get(path)
    if entry is None or not getattr(ctx.faults, entry[1]):
        return
    seen = list((ctx.sandbox.settings or {}).get("seen", []))
    if entry[0] not in seen:
        ctx.sandbox.settings = {**(ctx.sandbox.settings or {}), "seen": [*seen, entry[0]]}
