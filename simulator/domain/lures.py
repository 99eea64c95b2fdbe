"""Phishing drills (« leurres »): the four lures, what gives each away, how an answer scores.

A code sent by e-mail or SMS can be phished (NIST SP 800-63B-4: a code typed in is not
phishing-resistant); the seeds teach the defence themselves: PIGP's sheet names its one
sender, and a code only comes after you asked for one. Each lure here imitates one of the
simulator's own messages from a lookalike that always ends in a reserved name (RFC 2606:
``.test``, ``.invalid``, ``.example``), so that no text of a drill ever names a registrable
domain, even read out of the sandbox. Plain data and pure functions: the services store the
lures, the sandbox draws their pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

RESERVED_SUFFIXES = (".test", ".invalid", ".example")

# How a drill ended: the expected answers first.
REPORTED, NOT_ME, DELETED, TYPED = "reported", "not_me", "deleted", "typed"
OUTCOMES_FR = {
    REPORTED: "signalé",
    NOT_ME: "« Ce n'est pas moi »",
    DELETED: "supprimé sans signaler",
    TYPED: "piégé : saisie sur la page",
}
CREDITED = frozenset({REPORTED, NOT_ME})


@dataclass(frozen=True)
class Field:
    label: str
    type: str = "text"  # text | password | tel
    inputmode: str | None = None


@dataclass(frozen=True)
class Lure:
    key: str
    exercise: str  # the exercise it proves (services.exercises)
    title: str  # how the trainer's controls and records name it
    channel: str  # mail | sms
    sender: str  # the lookalike sender (an address, or the SMS's sender line)
    genuine_sender: str | None  # what it imitates, shown side by side in the debrief
    subject: str
    body: str  # « {link} » stands for the lure page's link, if it has one
    url: str | None = None  # the lookalike address drawn in the page's address bar
    genuine_host: str | None = None  # the host it imitates, for the highlighted comparison
    page_title: str = ""
    page_intro: str = ""
    fields: tuple[Field, ...] = ()
    button: str = "Confirmer"
    giveaways: tuple[str, ...] = ()  # what should have raised the alarm
    right: str = ""  # why reporting was the right answer

    @property
    def host(self) -> str | None:
        return host_of(self.url) if self.url else None


CODE_FIELD = Field("Code à 6 chiffres", "text", "numeric")

LURES: tuple[Lure, ...] = (
    Lure(
        key="faux-courriel-pigp",
        exercise="leurre-faux-courriel-pigp",
        title="Faux courriel du PIGP (confirmer le code)",
        channel="mail",
        sender="ne-pas-repondre@dgfip.finances.gouv.fr.verification.test",
        genuine_sender="ne-pas-repondre@dgfip.finances.gouv.fr",
        subject="PIGP - Confirmez votre code de connexion",
        body=(
            "Bonjour,\n\nPour des raisons de sécurité, votre code de connexion au PIGP doit être "
            "confirmé avant 24 heures, faute de quoi votre accès sera suspendu.\n\n"
            "Confirmez le code à 6 chiffres reçu sur la page de vérification :\n{link}\n\n"
            "Ceci est un message automatique, merci de ne pas y répondre."
        ),
        url="https://dgfip.finances.gouv.fr.verification.test/confirmer-code",
        genuine_host="dgfip.finances.gouv.fr",
        page_title="Vérification de votre code de connexion",
        page_intro="Confirmez le code reçu par courriel pour conserver votre accès au PIGP.",
        fields=(CODE_FIELD,),
        button="Confirmer mon code",
        giveaways=(
            "L'expéditeur n'est pas ne-pas-repondre@dgfip.finances.gouv.fr : son adresse "
            "continue après « gouv.fr ». Un domaine se lit à partir de la fin.",
            "Le PIGP ne demande jamais de « confirmer » un code : le code se saisit une seule "
            "fois, dans la page de connexion que vous avez gardée ouverte.",
            "Vous n'aviez demandé aucun code à ce moment-là, et le message vous presse (« avant "
            "24 heures », « suspendu »).",
        ),
        right="Vous avez signalé le message sans ouvrir le lien : l'adresse de l'expéditeur "
        "trahissait le faux, et le PIGP ne demande jamais de confirmer un code ailleurs que "
        "sur sa page de connexion.",
    ),
    Lure(
        key="code-non-demande",
        exercise="leurre-code-non-demande",
        title="Code SMS non demandé",
        channel="sms",
        sender="EU Login",
        genuine_sender=None,
        subject="",
        body="EU Login : votre code challenge de connexion est 318 406. Il est valable 30 minutes.",
        giveaways=(
            "Vous n'aviez rien demandé : un code arrive seulement après une demande de "
            "connexion. Quelqu'un a saisi votre mot de passe.",
            "Le message est authentique, c'est la demande qui ne l'est pas : ne donnez ce code "
            "à personne, changez votre mot de passe et prévenez l'assistance.",
        ),
        right="Vous avez répondu que ce n'était pas vous : un code que l'on n'a pas demandé "
        "veut dire que quelqu'un connaît votre mot de passe. Changez-le et prévenez "
        "l'assistance.",
    ),
    Lure(
        key="fausse-assistance",
        exercise="leurre-fausse-assistance",
        title="Fausse assistance qui demande le code",
        channel="sms",
        sender="+33 6 39 98 00 17",
        genuine_sender=None,
        subject="",
        body=(
            "Assistance informatique : une mise à jour de sécurité est en cours sur votre "
            "compte. Pour la valider, indiquez-nous le code que vous allez recevoir, sur "
            "{link}"
        ),
        url="https://assistance.bnum.ministere.test.ticket.invalid/valider",
        genuine_host="bnum.ministere.test",
        page_title="Assistance — validation de la mise à jour",
        page_intro="Un technicien attend votre code pour terminer l'opération. Indiquez le code "
        "que vous venez de recevoir.",
        fields=(CODE_FIELD,),
        button="Envoyer le code au technicien",
        giveaways=(
            "Aucune assistance ne demande jamais votre code : il ne sert qu'à vous, sur la page "
            "où vous l'avez demandé.",
            "Le message vient d'un numéro inconnu, et son lien se termine par « ticket.invalid », "
            "pas par le domaine de votre ministère.",
        ),
        right="Vous avez signalé ce message : une vraie assistance ne demande jamais votre code, "
        "ni par SMS, ni par téléphone, ni sur une page.",
    ),
    Lure(
        key="pousse-sms",
        exercise="leurre-pousse-sms",
        title="Application « en panne » : passer au SMS",
        channel="mail",
        sender="securite@cerbere.ministere.test.mfa-sms.invalid",
        genuine_sender="ne-pas-repondre@cerbere.ministere.test",
        subject="Cerbère - Votre application d'authentification ne fonctionne plus",
        body=(
            "Bonjour,\n\nSuite à un incident, les codes de votre application d'authentification "
            "ne sont plus acceptés. Pour continuer à vous connecter, passez dès aujourd'hui à la "
            "validation par SMS :\n{link}\n\nL'équipe sécurité Cerbère"
        ),
        url="https://cerbere.ministere.test.mfa-sms.invalid/passer-au-sms",
        genuine_host="cerbere.ministere.test",
        page_title="Passer à la validation par SMS",
        page_intro="Identifiez-vous pour remplacer votre application d'authentification par un "
        "code SMS.",
        fields=(Field("Identifiant"), Field("Mot de passe", "password")),
        button="Passer au SMS",
        giveaways=(
            "L'expéditeur n'est pas ne-pas-repondre@cerbere.ministere.test : son adresse "
            "continue après le vrai domaine, jusqu'à « mfa-sms.invalid ».",
            "Personne ne vous demande de quitter une application d'authentification pour le "
            "SMS : le SMS est plus facile à détourner. Une panne se signale à l'assistance, "
            "pas par un lien.",
        ),
        right="Vous avez signalé ce message : il voulait vous faire abandonner l'application "
        "d'authentification pour le SMS, plus facile à détourner, sur une page qui n'était "
        "pas celle de Cerbère.",
    ),
)
BY_KEY = {lure.key: lure for lure in LURES}
BY_EXERCISE = {lure.exercise: lure for lure in LURES}


def host_of(address: str) -> str:
    """The host of a URL, or the domain of a mail address."""
    rest = address.split("://", 1)[-1]
    return rest.split("/", 1)[0].rpartition("@")[2].casefold()


def is_reserved(address: str) -> bool:
    """True when the address's host ends in a name reserved for tests and examples."""
    host = host_of(address).rstrip(".")
    return any(host.endswith(suffix) for suffix in RESERVED_SUFFIXES)


def highlight(lookalike: str, genuine: str) -> list[tuple[str, bool]]:
    """The lookalike cut into runs, each marked True where it differs from the genuine one:
    « dgfip.finances.gouv.fr » + (« .verification.test », True)."""
    runs: list[tuple[str, bool]] = []
    matcher = SequenceMatcher(None, lookalike, genuine, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if i1 == i2:
            continue
        differs = tag != "equal"
        if runs and runs[-1][1] == differs:
            runs[-1] = (runs[-1][0] + lookalike[i1:i2], differs)
        else:
            runs.append((lookalike[i1:i2], differs))
    return runs


def link_line(lure: Lure, path: str) -> str:
    """The body's link in the mailbox's own link syntax: the lookalike address is what the
    trainee reads, the sandbox page is where it leads (never outside the simulator)."""
    return f"[{lure.url}]({path})" if lure.url else ""


def registered_name(host: str) -> str:
    """The name a domain really belongs to: its last two labels, read from the end
    (« dgfip.finances.gouv.fr.verification.test » belongs to « verification.test »)."""
    return ".".join(host.split(".")[-2:])
