"""Single-use recovery codes, for the day the phone is lost.

Ten codes of 80 random bits each, shown once and kept hashed. SHA-256 suffices for the
hash: unlike passwords, these codes carry enough entropy that a slow hash adds nothing,
and a slow one would make every login check ten hashes slowly.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from random import Random

COUNT = 10
LOW_WARNING = 3  # « il ne vous reste que 3 codes » from here down
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed from paper
_GROUPS, _GROUP_LEN = 4, 4  # 16 characters of a 31-letter alphabet: about 79 bits


def generate(rng: Random, count: int = COUNT) -> list[str]:
    return [
        "-".join("".join(rng.choice(_ALPHABET) for _ in range(_GROUP_LEN)) for _ in range(_GROUPS))
        for _ in range(count)
    ]


def canonical(typed: str | None) -> str | None:
    if not typed or len(typed) > 64:
        return None
    compact = re.sub(r"[\s-]", "", typed).lower()
    if len(compact) != _GROUPS * _GROUP_LEN or any(c not in _ALPHABET for c in compact):
        return None
    return compact


def hash_code(code: str) -> str:
    compact = canonical(code)
    if compact is None:
        raise ValueError("not a recovery code")
    return hashlib.sha256(compact.encode()).hexdigest()


class RecoveryRecord:
    code_hash: str
    used_at: object | None


def find_unused(records: Iterable[RecoveryRecord], typed: str | None) -> RecoveryRecord | None:
    """The unused record matching ``typed``, or None (wrong, malformed or already used)."""
    compact = canonical(typed)
    if compact is None:
        return None
    wanted = hashlib.sha256(compact.encode()).hexdigest()
    for record in records:
        if record.used_at is None and hmac.compare_digest(record.code_hash, wanted):
            return record
    return None
