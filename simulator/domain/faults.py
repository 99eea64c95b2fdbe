"""The incidents a trainee or an instructor can switch on in one sandbox, declared once.

Each switch is a field of ``Faults`` with its French label (and, for a number, its bounds and
unit): the sandbox's « Incidents » form, the instructor's per-trainee form and the stored
JSON are all drawn from these fields, so adding an incident is one line here plus the rule
that reads it (the outbox, a portal).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _switch(label: str) -> Any:
    return field(default=False, metadata={"label": label})


def _amount(label: str, *, maximum: int, unit: str) -> Any:
    return field(default=0, metadata={"label": label, "maximum": maximum, "unit": unit})


@dataclass(frozen=True)
class Faults:
    """The switches of one sandbox; all off by default (the portal behaves as its seed says)."""

    mail_to_spam: bool = _switch(
        "Les courriels des portails arrivent dans « Courrier indésirable »"
    )
    mail_delay_minutes: int = _amount("Retard des courriels (minutes)", maximum=120, unit="minutes")
    sms_late: bool = _switch("SMS en retard (jusqu'à 15 minutes)")
    wrong_address: bool = _switch("Adresse de courriel erronée enregistrée au PIGP")
    phone_lost: bool = _switch("Téléphone perdu : l'application d'authentification a tout oublié")
    onegov_forbids_2fa: bool = _switch("OneGov GED : l'organisation interdit la 2FA")

    @classmethod
    def from_dict(cls, data: dict | None) -> Faults:
        """What a sandbox stored; unknown keys (a switch since removed) are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def to_dict(self) -> dict[str, bool | int]:
        return asdict(self)


@dataclass(frozen=True)
class Switch:
    """One incident as a form shows it."""

    name: str
    label: str
    default: bool | int
    maximum: int | None = None
    unit: str | None = None

    @property
    def is_amount(self) -> bool:
        return self.maximum is not None


SWITCHES: tuple[Switch, ...] = tuple(
    Switch(
        f.name, f.metadata["label"], f.default, f.metadata.get("maximum"), f.metadata.get("unit")
    )
    for f in fields(Faults)
)
