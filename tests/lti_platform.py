"""A learning platform for the LTI tests, made with lti1p3platform (the LMS side): its
OpenID configuration, registration endpoint, token endpoint, JWKS, AGS scores and NRPS
roster are served by a small Flask app on loopback (the tool fetches them with requests, as
from Moodle); the OIDC authorization step is called in-process by the tests."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import jwt
from flask import Flask, jsonify, request
from jwcrypto.jwk import JWK
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import RequestBase
from pylti1p3.dynamic_registration import generate_key_pair
from werkzeug.serving import make_server

LEARNER = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
INSTRUCTOR = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]
_KEYS: list = []


def platform_keys() -> tuple[str, str]:
    if not _KEYS:
        _KEYS.append(generate_key_pair(2048))
    return _KEYS[0]


class PlatformRegistration(Registration):
    """lti1p3platform's registration, with a ``kid`` in its JWKS and its JWT headers."""

    def get_kid(self):
        return JWK.from_pem(self.get_platform_public_key().encode()).thumbprint()

    def get_jwks(self):
        return [{**Registration.get_jwk(self.get_platform_public_key()), "kid": self.get_kid()}]


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        self._registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs):
        return self._registration


class InProcessRequest(RequestBase):
    def __init__(self, params: dict) -> None:
        self.request = {"method": "GET", "get_data": params, "form_data": {}, "headers": {}}


class Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


@dataclass
class Platform:
    """The LMS: ``url`` on loopback, what it received in ``scores`` and ``registrations``."""

    url: str = ""
    issuer: str = "https://moodle.test"
    client_id: str = "client-simulateur"
    deployment_id: str = "1"
    registration_token: str = "jeton-enregistrement"
    scores: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    token_requests: int = 0
    members: list = field(default_factory=list)
    fail_scores: int = 0
    registration: PlatformRegistration | None = None
    browser_claims: dict = field(default_factory=dict)

    def setup(self, tool_base: str, tool_jwks: dict) -> None:
        private, public = platform_keys()
        self.registration = (
            PlatformRegistration()
            .set_iss(self.issuer)
            .set_client_id(self.client_id)
            .set_deployment_id(self.deployment_id)
            .set_oidc_login_url(tool_base + "/lti/login")
            .set_launch_url(tool_base + "/lti/launch")
            .set_deeplink_launch_url(tool_base + "/lti/launch")
            .set_platform_public_key(public)
            .set_platform_private_key(private)
            .set_tool_key_set(tool_jwks)
        )

    def openid_configuration(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url + "/auth",
            "token_endpoint": self.url + "/token",
            "jwks_uri": self.url + "/certs",
            "registration_endpoint": self.url + "/register",
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle",
                "version": "4.3",
            },
        }

    # The OIDC authorization step, done by the test with the tool's redirect --------------

    def authorize(
        self,
        redirect_location: str,
        *,
        sub: str = "12",
        roles=None,
        name: str = "Camille Martin",
        email: str = "camille.martin@ecole.test",
        context: str = "cours-42",
        resource_link: str = "lien-1",
        custom: dict | None = None,
        lineitem: str | None = None,
        deep_linking: bool = False,
        claims: dict | None = None,
    ) -> dict:
        """What the platform's auth.php answers: the id_token and state to post back."""
        params = {k: v[0] for k, v in parse_qs(urlsplit(redirect_location).query).items()}
        launch = Launch(InProcessRequest(params), PlatformConf(registration=self.registration))
        launch.set_user_data(sub, roles or LEARNER, full_name=name, email_address=email)
        launch.set_launch_context_claim(context, context_title="Sécurité numérique")
        launch.set_launch_presentation_claim(document_target="window")
        if not deep_linking:
            launch.set_resource_link_claim(resource_link, title="Bac à sable 2FA")
        if custom:
            launch.set_custom_parameters_claim(custom)
        launch.set_ags(
            lineitems_url=self.url + "/ags/lineitems",
            lineitem_url=lineitem or f"{self.url}/ags/lineitems/{resource_link}/lineitem",
        )
        launch.set_nrps(self.url + "/nrps/members")
        if deep_linking:
            launch.set_dl(self.url + "/dl-return", title="Choisir")
        if claims:
            launch.set_extra_claims(claims)
        return launch.lti_launch()

    def sign(self, payload: dict) -> str:
        return self.registration.platform_encode_and_sign(dict(payload), expiration=300)

    def check_token(self, header: str | None, scope: str) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        conf = PlatformConf(registration=self.registration)
        conf.get_registration()
        return conf.validate_token(header[7:], allowed_scopes=[scope])


def platform_app(platform: Platform) -> Flask:
    app = Flask("plateforme-de-test")

    @app.get("/.well-known/openid-configuration")
    def configuration():
        return jsonify(platform.openid_configuration())

    @app.post("/register")
    def register():
        if request.headers.get("Authorization") != f"Bearer {platform.registration_token}":
            return jsonify(error="invalid_token"), 401
        data = request.get_json()
        platform.registrations.append(data)
        return jsonify(
            {
                **data,
                "client_id": platform.client_id,
                "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                    **data["https://purl.imsglobal.org/spec/lti-tool-configuration"],
                    "deployment_id": platform.deployment_id,
                },
            }
        )

    @app.get("/auth")
    def auth():
        """Moodle's auth.php for a browser: the launch form, posted at once."""
        answer = platform.authorize(request.url, **platform.browser_claims)
        return (
            f'<form id="f" method="post" action="{answer["launch_url"]}">'
            f'<input type="hidden" name="id_token" value="{answer["id_token"]}">'
            f'<input type="hidden" name="state" value="{answer["state"]}">'
            '<button type="submit">Lancer</button></form>'
            "<script>document.getElementById('f').submit()</script>"
        )

    @app.get("/certs")
    def certs():
        return jsonify(keys=platform.registration.get_jwks())

    @app.post("/token")
    def token():
        platform.token_requests += 1
        conf = PlatformConf(registration=platform.registration)
        conf.get_registration()
        try:
            return jsonify(conf.get_access_token(request.form.to_dict()))
        except Exception as error:  # noqa: BLE001 - the platform says no, as Moodle would
            return jsonify(error=str(error)), 400

    @app.post("/ags/lineitems/<link>/lineitem/scores")
    def scores(link):
        scope = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
        if not platform.check_token(request.headers.get("Authorization"), scope):
            return jsonify(error="unauthorized"), 401
        if platform.fail_scores:
            platform.fail_scores -= 1
            return jsonify(error="indisponible"), 503
        platform.scores.append({"link": link, **json.loads(request.get_data())})
        return "", 200

    @app.get("/nrps/members")
    def members():
        scope = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
        if not platform.check_token(request.headers.get("Authorization"), scope):
            return jsonify(error="unauthorized"), 401
        return jsonify(id="x", context={"id": "cours-42"}, members=platform.members)

    return app


class Served:
    """The platform app on a free loopback port, in a thread."""

    def __init__(self, platform: Platform) -> None:
        self.server = make_server("127.0.0.1", 0, platform_app(platform), threaded=True)
        platform.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()


def unsigned_copy(token: str, **changes) -> str:
    """The token's claims changed and re-encoded with a key that is not the platform's."""
    body = jwt.decode(token, options={"verify_signature": False})
    header = jwt.get_unverified_header(token)
    body.update(changes)
    other, _ = generate_key_pair(2048)
    return jwt.encode(body, other, algorithm="RS256", headers={"kid": header.get("kid")})


def now() -> int:
    return int(time.time())
