"""The tool's RSA key pair: generated once into ``instance/lti/`` like the secret key, never
in git, served only as a public JWK named by its ``kid`` (the RFC 7638 thumbprint).

Rotation: ``python -m simulator lti --nouvelle-cle`` moves ``current.pem`` to
``previous.pem`` and generates a new ``current.pem``. The new key signs from then on; the JWKS
serves both, so a platform holding a token or a cached key set signed by the old one still
verifies it. Once every platform has refetched the JWKS (Moodle fetches it at each
verification; a day is plenty), ``--retirer-ancienne-cle`` deletes ``previous.pem``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from jwcrypto.jwk import JWK
from pylti1p3.dynamic_registration import generate_key_pair

CURRENT, PREVIOUS = "current.pem", "previous.pem"
KEY_BITS = 2048  # what Moodle and the IMS certification suite use; 4096 only slows signing


@dataclass(frozen=True)
class ToolKey:
    private_pem: str
    jwk: dict  # public, with kid, alg, use

    @property
    def kid(self) -> str:
        return self.jwk["kid"]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the public key (DER), its first 16 bytes as « ab:cd:… »: what the trainer
        compares with the key Moodle shows."""
        private = serialization.load_pem_private_key(self.private_pem.encode(), password=None)
        der = private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        digest = hashlib.sha256(der).hexdigest()
        return ":".join(digest[i : i + 2] for i in range(0, 32, 2))


def _public_jwk(private_pem: str) -> dict:
    key = JWK.from_pem(private_pem.encode())
    public = json.loads(key.export_public())
    return {**public, "kid": key.thumbprint(), "alg": "RS256", "use": "sig"}


def _load(path: Path) -> ToolKey | None:
    if not path.exists():
        return None
    pem = path.read_text()
    return ToolKey(pem, _public_jwk(pem))


def _write_new(path: Path) -> None:
    private_pem, _public = generate_key_pair(KEY_BITS)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(private_pem)
    tmp.chmod(0o600)
    tmp.replace(path)  # two workers starting at once: each rename is whole, the last one wins


def current(folder: Path) -> ToolKey:
    """The signing key, generated on first use."""
    key = _load(folder / CURRENT)
    if key is None:
        _write_new(folder / CURRENT)
        key = _load(folder / CURRENT)
    return key


def jwks(folder: Path) -> dict:
    """The public key set: the current key, and the previous one during a rotation."""
    keys = [current(folder).jwk]
    previous = _load(folder / PREVIOUS)
    if previous is not None and previous.kid != keys[0]["kid"]:
        keys.append(previous.jwk)
    return {"keys": keys}


def rotate(folder: Path) -> ToolKey:
    current(folder)
    (folder / CURRENT).replace(folder / PREVIOUS)
    _write_new(folder / CURRENT)
    return current(folder)


def retire_previous(folder: Path) -> bool:
    path = folder / PREVIOUS
    if path.exists():
        path.unlink()
        return True
    return False
