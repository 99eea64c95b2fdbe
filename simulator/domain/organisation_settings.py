"""What an organisation decides for its users on a portal, kept per sandbox by
``services.portal_settings`` under the model the portal's registry entry names.

Karbon's firm may stop requiring 2FA (seed 002's accountant switch); OneGov's administrator
sets the organisation's 2FA policy. A new setting is a field here, with its default: no
column, no migration (the store keeps JSON, validated by these models on every read and write).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

OnegovPolicy = Literal["allowed", "required", "forbidden"]


class KarbonSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requires_2fa: bool = True  # the firm's « Exiger la 2FA », on until the accountant turns it off


class OnegovSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: OnegovPolicy = "allowed"  # « Autorisée » until the administrator chooses
