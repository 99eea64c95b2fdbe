"""Dynamic registration (IMS LTI-DR 1.0, as Moodle 4.3 does it): read the platform's OpenID
configuration, POST our registration with the platform's registration token, record what
it answers (pending). pylti1p3's ``DynamicRegistration`` does the HTTP; this says what the
tool is."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for
from pylti1p3.dynamic_registration import DynamicRegistration

from . import registrations

SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]


def domain_of(base_url: str) -> str:
    """host, or host:port when the port is not the scheme's default (Moodle compares it)."""
    parts = urlsplit(base_url)
    default = 443 if parts.scheme == "https" else 80
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port and parts.port != default else host


class ToolRegistrar(DynamicRegistration):
    client_name = "Bac à sable 2FA (simulateur de formation)"
    description = (
        "Simulateur de formation à la double authentification : chaque apprenant reçoit son "
        "bac à sable, la progression remonte dans le carnet de notes."
    )

    def __init__(self, configuration_url: str, token: str, base_url: str, session_cls) -> None:
        self.configuration_url = configuration_url
        self.token = token
        self.base = base_url
        self.session_cls = session_cls
        self.configuration: dict | None = None

    def get_request_session(self):
        return self.session_cls()

    def _url(self, endpoint: str) -> str:
        return self.base + url_for(endpoint)

    def get_initiate_login_uri(self) -> str:
        return self._url("lti.login")

    def get_jwks_uri(self) -> str:
        return self._url("lti.jwks")

    def get_redirect_uris(self) -> list[str]:
        return [self._url("lti.launch")]

    def get_target_link_uri(self) -> str:
        return self._url("lti.launch")

    def get_scopes(self) -> list[str]:
        return SCOPES

    def get_domain(self) -> str:
        return domain_of(self.base)

    def get_claims(self) -> list[str]:
        return ["iss", "sub", "name", "given_name", "family_name", "email"]

    def get_messages(self) -> list[dict]:
        return [
            {
                "type": "LtiDeepLinkingRequest",
                "target_link_uri": self._url("lti.launch"),
                "label": "Choisir des exercices du bac à sable 2FA",
            }
        ]

    def get_logo_uri(self) -> str:
        return self.base + url_for("static", filename="favicon.svg")

    def get_openid_configuration_endpoint(self) -> str:
        return self.configuration_url

    def get_registration_token(self) -> str:
        return self.token

    def get_openid_configuration(self) -> dict:
        self.configuration = super().get_openid_configuration()
        return self.configuration

    def complete_registration(self, openid_configuration: dict, openid_registration: dict):
        return openid_configuration, openid_registration

    def register_and_record(self, db, now):
        configuration, answer = self.register()
        return registrations.record(db, configuration, answer, now)
