"""The exercise catalogue, and what proves each one done.

Completion is read from what really happened in the sandbox (a confirmed factor, an
installed trust record, a used recovery code, a login by SMS…), never from a box the
trainee ticks. Fault exercises switch their incident on, and count only what was done
while it was on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..domain import registry
from ..domain.lures import BY_KEY as LURES
from ..domain.lures import CREDITED
from ..store import Account, Factor, LoginEvent, Message, RecoveryCode, Sandbox, TrustedDevice
from . import lures, state
from .context import SandboxContext

LATE_SECONDS = 120  # a message delivered this long after it was sent counts as « late »


@dataclass
class Facts:
    """What one sandbox did, as far as the exercises care: read for a whole class in a fixed
    number of queries (``facts_of``), so the instructor's table costs the same for 3 trainees
    as for 200. Each exercise's proof below reads only this."""

    seen: frozenset[str] = frozenset()
    factors: list[tuple[str, str, str]] = field(default_factory=list)  # (portal, kind, name)
    logins: set[tuple[str, str | None]] = field(
        default_factory=set
    )  # (portal, second factor), successful
    trusted: set[str] = field(default_factory=set)  # portals with a trusted workstation
    recovery_used: set[str] = field(default_factory=set)  # portals where a recovery code was used
    read: list[tuple[str, str, str, str, float]] = field(
        default_factory=list
    )  # (channel, portal, kind, folder, delay s)
    lures: set[tuple[str, str | None]] = field(default_factory=set)  # (lure, outcome) of drills


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    portal: str
    goal: str
    guide: str
    done: Callable[[Facts], bool]
    fault: str | None = None
    lure: str | None = None  # a phishing drill (domain.lures): sent by « Recevoir le message »


def _has_factor(facts: Facts, portal: str, kind: str, name_has: str = "") -> bool:
    return any(
        p == portal and k == kind and name_has.casefold() in (n or "").casefold()
        for p, k, n in facts.factors
    )


def _logged_in_with(facts: Facts, portal: str, second_factor: str) -> bool:
    return (portal, second_factor) in facts.logins


def _trusted_pigp(facts: Facts) -> bool:
    return "pigp" in facts.trusted


def _code_read_in_spam(facts: Facts) -> bool:
    read = any(m[:4] == ("mail", "pigp", "pigp_login", "spam") for m in facts.read)
    return read and _logged_in_with(facts, "pigp", "email")


def _late_message_used(facts: Facts, channel: str, portal: str, second_factor: str) -> bool:
    late = any(m[0] == channel and m[1] == portal and m[4] >= LATE_SECONDS for m in facts.read)
    return late and _logged_in_with(facts, portal, second_factor)


def _recovery_code_used(facts: Facts, portal: str = "karbon") -> bool:
    return portal in facts.recovery_used


def _seen(facts: Facts, page: str) -> bool:
    return page in facts.seen


def _lure(key: str, title: str, portal: str, goal: str) -> Exercise:
    """A drill is done when its lure was reported (or « Ce n'est pas moi »): not deleted,
    and never when a code was typed on its page (issue 26)."""
    lure = LURES[key]
    done = lambda c: any(k == lure.key and o in CREDITED for k, o in c.lures)  # noqa: E731
    return Exercise(lure.exercise, title, portal, goal, "hameconnage.md", done, lure=key)


CATALOGUE: tuple[Exercise, ...] = (
    Exercise(
        "pigp-premiere-connexion",
        "Première connexion au PIGP sans perdre le cookie",
        "pigp",
        "Connectez-vous avec le code reçu par courriel, la messagerie dans un deuxième onglet, pour que le poste soit reconnu 6 mois.",
        "pigp.md",
        _trusted_pigp,
    ),
    Exercise(
        "pigp-code-indesirable",
        "Retrouver le code dans le courrier indésirable",
        "pigp",
        "Le code du PIGP arrive en indésirables : trouvez-le et connectez-vous.",
        "pigp.md",
        _code_read_in_spam,
        fault="mail_to_spam",
    ),
    Exercise(
        "pigp-courriel-retarde",
        "Attendre un courriel retardé",
        "pigp",
        "Le courriel met 10 minutes à arriver : avancez l'horloge plutôt que de redemander des codes, puis connectez-vous.",
        "pigp.md",
        lambda c: _late_message_used(c, "mail", "pigp", "email"),
        fault="mail_delay_minutes",
    ),
    Exercise(
        "pigp-adresse-erronee",
        "Le code ne vient jamais : à qui s'adresser ?",
        "pigp",
        "L'adresse enregistrée est erronée : trouvez dans le PIGP qui peut la corriger.",
        "pigp.md",
        lambda c: _seen(c, "pigp_help"),
        fault="wrong_address",
    ),
    Exercise(
        "bnum-2fa",
        "Activer la 2FA sur le BNUM",
        "cerbere",
        "Configurez l'application d'authentification pour le BNUM : c'est le prérequis du PIAG.",
        "piag.md",
        lambda c: _has_factor(c, "cerbere", "totp", "bnum"),
    ),
    Exercise(
        "piag-otp-mel",
        "Activer OTP Mél sur Cerbère et entrer dans le PIAG",
        "cerbere",
        "Après le refus « authentification trop faible », ajoutez la méthode OTP Mél et revenez au PIAG.",
        "piag.md",
        lambda c: _has_factor(c, "cerbere", "totp", "otp"),
    ),
    Exercise(
        "karbon-configuration",
        "Configurer la 2FA de Karbon et garder les codes de récupération",
        "karbon",
        "Suivez l'invitation, scannez le code QR, confirmez le premier code, enregistrez les codes de récupération.",
        "karbon.md",
        lambda c: _has_factor(c, "karbon", "totp"),
    ),
    Exercise(
        "karbon-code-recuperation",
        "Téléphone perdu : revenir avec un code de récupération",
        "karbon",
        "Votre application d'authentification est vide : connectez-vous à Karbon avec un code de récupération.",
        "karbon.md",
        _recovery_code_used,
        fault="phone_lost",
    ),
    Exercise(
        "onegov-2fa",
        "Activer la 2FA dans Mon portail (OneGov GED)",
        "onegov",
        "Depuis Mon portail, activez l'interrupteur, scannez le code QR et vérifiez le code.",
        "onegov.md",
        lambda c: _has_factor(c, "onegov", "totp"),
    ),
    Exercise(
        "onegov-2fa-interdite",
        "L'organisation interdit la 2FA",
        "onegov",
        "L'interrupteur est grisé : ouvrez Mon portail et lisez à qui vous adresser.",
        "onegov.md",
        lambda c: _seen(c, "onegov_portal_forbidden"),
        fault="onegov_forbids_2fa",
    ),
    Exercise(
        "eulogin-sms",
        "Ajouter un portable +33 et se connecter par SMS",
        "eulogin",
        "Dans EU Login, ajoutez votre numéro au format international, confirmez le code « challenge », puis connectez-vous par SMS.",
        "traces.md",
        lambda c: _has_factor(c, "eulogin", "sms") and _logged_in_with(c, "eulogin", "sms"),
    ),
    Exercise(
        "eulogin-sms-retard",
        "Un SMS en retard : patienter jusqu'à 15 minutes",
        "eulogin",
        "Le SMS tarde : attendez (avancez l'horloge) au lieu de renvoyer des codes, puis terminez.",
        "traces.md",
        lambda c: _late_message_used(c, "sms", "eulogin", "sms"),
        fault="sms_late",
    ),
    _lure("faux-courriel-pigp", "Repérer le faux courriel du PIGP", "pigp",
          "Un courriel imite celui du code du PIGP : lisez son expéditeur et signalez-le."),
    _lure("code-non-demande", "Un code que vous n'avez pas demandé", "eulogin",
          "Un code arrive par SMS sans que vous l'ayez demandé : répondez « Ce n'est pas moi »."),
    _lure("fausse-assistance", "L'assistance ne demande jamais votre code", "cerbere",
          "Une « assistance » vous demande votre code par SMS : signalez le message."),
    _lure("pousse-sms", "On vous pousse vers le SMS", "cerbere",
          "Un courriel dit que votre application est en panne et pousse vers le SMS : signalez-le."),
)  # fmt: skip


def _proof(portal: str, proof: tuple[str, str]) -> Callable[[Facts], bool]:
    what, kind = proof
    if what == "factor":
        return lambda facts: _has_factor(facts, portal, kind)
    if what == "login":
        return lambda facts: _logged_in_with(facts, portal, kind)
    raise ValueError(f"{portal}: unknown proof {proof!r}")


def declared(portals: Iterable[registry.Portal]) -> tuple[Exercise, ...]:
    """The exercises the portals declare in the registry (a new portal's, for one)."""
    return tuple(
        Exercise(e.key, e.title, p.key, e.goal, p.guide_doc, _proof(p.key, e.proof))
        for p in portals
        for e in p.exercises
    )


CATALOGUE = CATALOGUE + declared(registry.PORTALS)
# The trainer's table's few words for a declared exercise (the five portals' own are in
# instructor/columns.py): (portal, words).
DECLARED_COLUMNS = {e.key: (p.column_name, e.column) for p in registry.PORTALS for e in p.exercises}
BY_KEY = {e.key: e for e in CATALOGUE}

# The walkthroughs that show each exercise step by step (walkthroughs/<portal>/*.yaml): their
# shown steps, in order, are the exercise's funnel and what guided mode turns on. An exercise
# no walkthrough shows (the wrong address: a help page to find) has only « commencé ».
WALKTHROUGHS: dict[str, tuple[str, ...]] = {
    "pigp-premiere-connexion": ("pigp-premiere-connexion",),
    "pigp-code-indesirable": ("pigp-code-dans-les-spams",),
    "pigp-courriel-retarde": ("pigp-premiere-connexion",),
    "pigp-adresse-erronee": (),
    "bnum-2fa": ("bnum-activation",),
    "piag-otp-mel": ("piag-premier-acces",),
    "karbon-configuration": ("karbon-configuration",),
    "karbon-code-recuperation": ("karbon-code-recuperation",),
    "onegov-2fa": ("onegov-activer-2fa",),
    "onegov-2fa-interdite": ("onegov-2fa-interdite",),
    "eulogin-sms": ("eulogin-ajouter-portable", "eulogin-connexion-sms"),
    "eulogin-sms-retard": ("eulogin-connexion-sms",),
}
# The lures' drills and a portal's own declared exercises have no funnel walkthrough (yet).
WALKTHROUGHS.update({key: () for key in BY_KEY if key not in WALKTHROUGHS})


@functools.cache
def walkthroughs() -> dict:
    """The exercises' walkthroughs by slug (``procedures.model.Walkthrough``), read once."""
    from ..procedures.model import load_all

    wanted = {slug for slugs in WALKTHROUGHS.values() for slug in slugs}
    return {w.slug: w for w in load_all() if w.slug in wanted}


@functools.cache
def walkthrough_steps() -> dict[str, tuple]:
    """Each exercise's steps (``procedures.model.Step``), its walkthroughs' shown steps."""
    every = walkthroughs()
    return {
        key: tuple(step for slug in WALKTHROUGHS[key] for step in every[slug].shown_steps())
        for key in BY_KEY
    }


FAULT_VALUES = {"mail_delay_minutes": 10}  # « quelques minutes », well within the 30-minute code


def facts_of(
    db: Session, sandboxes: Iterable[Sandbox], lure_records: list[lures.Record] | None = None
) -> dict[str, Facts]:
    """The facts of many sandboxes in six queries, whatever their number (five when their
    lure drills were read already: ``lure_records``)."""
    sandboxes = list(sandboxes)
    facts = {s.id: Facts(seen=frozenset(state.sandbox_settings(s).seen)) for s in sandboxes}
    if not facts:
        return facts
    ids = list(facts)
    mine = Account.sandbox_id.in_(ids)
    for sandbox_id, portal, kind, name in db.execute(
        select(Account.sandbox_id, Account.portal, Factor.kind, Factor.name)
        .join(Factor.account)
        .where(mine)
        .order_by(Factor.id)
    ):
        facts[sandbox_id].factors.append((portal, kind, name))
    for sandbox_id, portal, second_factor in db.execute(
        select(Account.sandbox_id, Account.portal, LoginEvent.second_factor)
        .distinct()
        .join(Account, LoginEvent.account_id == Account.id)
        .where(mine, LoginEvent.success.is_(True))
    ):
        facts[sandbox_id].logins.add((portal, second_factor))
    for model, attribute, condition in (
        (TrustedDevice, "trusted", true()),
        (RecoveryCode, "recovery_used", RecoveryCode.used_at.is_not(None)),
    ):
        for sandbox_id, portal in db.execute(
            select(Account.sandbox_id, Account.portal)
            .distinct()
            .join(model, model.account_id == Account.id)
            .where(mine, condition)
        ):
            getattr(facts[sandbox_id], attribute).add(portal)
    for sandbox_id, channel, portal, kind, folder, created, delivered in db.execute(
        select(
            Message.sandbox_id,
            Message.channel,
            Message.portal,
            Message.kind,
            Message.folder,
            Message.created_at,
            Message.deliver_at,
        )
        .where(Message.sandbox_id.in_(ids), Message.read_at.is_not(None))
        .order_by(Message.id)
    ):
        facts[sandbox_id].read.append(
            (channel, portal, kind, folder, (delivered - created).total_seconds())
        )
    if lure_records is None:
        lure_records = lures.records(db, ids)
    for sandbox_id, drills in lures.outcomes_of(ids, lure_records).items():
        facts[sandbox_id].lures = drills
    return facts


def progress_of(facts: Facts) -> dict[str, bool]:
    return {exercise.key: bool(exercise.done(facts)) for exercise in CATALOGUE}


def progress_all(
    db: Session, sandboxes: Iterable[Sandbox], lure_records: list[lures.Record] | None = None
) -> dict[str, dict[str, bool]]:
    """Each sandbox's exercises done, for a whole class in a fixed number of queries."""
    facts = facts_of(db, sandboxes, lure_records)
    return {sandbox_id: progress_of(f) for sandbox_id, f in facts.items()}


def progress(ctx: SandboxContext) -> dict[str, bool]:
    return progress_all(ctx.db, [ctx.sandbox])[ctx.sandbox.id]


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
    seen = state.sandbox_settings(ctx.sandbox).seen
    if entry[0] not in seen:
        state.change_sandbox_settings(ctx.sandbox, seen=[*seen, entry[0]])
