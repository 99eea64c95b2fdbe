"""Why a launch or a registration was refused, in French, with what the administrator must
do: the library's exceptions mapped to a page and a 4xx status, never a 500."""

from __future__ import annotations

from dataclasses import dataclass

from pylti1p3.exception import (
    LtiException,
    LtiInvalidNonceException,
    LtiKeyException,
    OIDCException,
)


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    text: str
    action: str
    new_window: bool = False


UNKNOWN_PLATFORM = Refusal(
    403,
    "Plateforme inconnue",
    "Cette plateforme (ou cet identifiant client) n'est pas enregistrée auprès du simulateur.",
    "L'administrateur de la plateforme doit enregistrer l'outil avec l'adresse donnée par "
    "« python -m simulator lti », puis le formateur l'activer dans « Plateformes LTI ».",
)
PENDING = Refusal(
    403,
    "Plateforme pas encore activée",
    "Le simulateur connaît cette plateforme, mais son enregistrement attend d'être activé.",
    "Le formateur doit l'activer dans l'espace formateur, page « Plateformes LTI » ; "
    "l'administrateur Moodle, activer l'outil dans « Gérer les outils ».",
)
DEPLOYMENT = Refusal(
    403,
    "Déploiement inconnu",
    "L'outil a été lancé depuis un déploiement que le simulateur ne connaît pas.",
    "L'administrateur doit réenregistrer l'outil (enregistrement dynamique) pour que le "
    "simulateur apprenne ce déploiement.",
)
COOKIE = Refusal(
    400,
    "Cookie de connexion perdu",
    "Votre navigateur n'a pas gardé le cookie qui relie la connexion au lancement : cela "
    "arrive quand l'activité s'ouvre dans un cadre de la page et que le simulateur n'est pas "
    "servi en HTTPS.",
    "Rouvrez l'activité depuis le cours. Si cela recommence, l'enseignant doit régler "
    "l'activité sur « Nouvelle fenêtre » (Conteneur de lancement), ou l'administrateur "
    "servir le simulateur en HTTPS (SIM_HTTPS).",
    new_window=True,
)
REPLAY = Refusal(
    400,
    "Lancement déjà utilisé",
    "Ce lancement a déjà servi une fois : un jeton de lancement ne s'utilise qu'une fois.",
    "Rouvrez l'activité depuis le cours : la plateforme en émettra un nouveau.",
)
TAMPERED = Refusal(
    400,
    "Jeton de lancement refusé",
    "Le jeton envoyé par la plateforme est illisible, expiré ou sa signature ne correspond "
    "pas aux clés publiques de la plateforme.",
    "Rouvrez l'activité depuis le cours. Si cela recommence, l'administrateur doit vérifier "
    "que l'horloge du serveur Moodle est à l'heure et que ses clés (certs.php) sont "
    "joignables depuis le simulateur.",
)
KEYS = Refusal(
    502,
    "Clés de la plateforme injoignables",
    "Le simulateur n'a pas pu lire les clés publiques de la plateforme pour vérifier le lancement.",
    "L'administrateur doit vérifier que le serveur du simulateur joint l'adresse des clés de "
    "la plateforme (…/mod/lti/certs.php pour Moodle).",
)
NOT_A_LAUNCH = Refusal(
    400,
    "Lancement incomplet",
    "Cette adresse attend un lancement LTI envoyé par la plateforme ; il manque des "
    "éléments (émetteur, indice de connexion ou jeton).",
    "Ouvrez l'activité depuis le cours de la plateforme, pas en tapant cette adresse.",
)
REGISTRATION_KEY = Refusal(
    403,
    "Adresse d'enregistrement incomplète",
    "L'adresse d'enregistrement doit porter la clé d'invitation de ce simulateur.",
    "Copiez l'adresse entière affichée par « python -m simulator lti » dans « Gérer les "
    "outils → Enregistrer un outil LTI Advantage ».",
)
REGISTRATION_FAILED = Refusal(
    502,
    "Enregistrement impossible",
    "La plateforme n'a pas accepté l'enregistrement, ou sa configuration est illisible.",
    "L'administrateur doit relancer l'enregistrement depuis « Gérer les outils » (le jeton "
    "d'enregistrement ne sert qu'une fois et expire vite). Sur un réseau privé, il doit "
    "aussi autoriser l'adresse du simulateur (« Liste des hôtes bloqués par cURL »).",
)


def from_exception(error: Exception) -> Refusal:
    """The library says what failed only in English messages and exception types."""
    text = str(error)
    if isinstance(error, LtiInvalidNonceException):
        return REPLAY
    if isinstance(error, LtiKeyException):
        return TAMPERED if "Unable to find public key" in text or "KID" in text else KEYS
    if isinstance(error, OIDCException):
        return UNKNOWN_PLATFORM if "registration" in text else NOT_A_LAUNCH
    if isinstance(error, LtiException):
        if "State not found" in text or "Missing cookie" in text or "state param" in text:
            return COOKIE
        if "Registration not found" in text or "Client id not registered" in text:
            return UNKNOWN_PLATFORM
        if "deployment" in text.lower() and "not recognised" in text:
            return DEPLOYMENT
        if '"id_token" field is empty' in text:
            return NOT_A_LAUNCH
        return TAMPERED
    return TAMPERED
