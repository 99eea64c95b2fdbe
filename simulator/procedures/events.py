"""What a tab reports in record mode, declared once: the shape ``recorder.js`` sends.

``services/recordings.py`` validates every batch against :class:`Action` (a malformed one is
refused whole, 400) before it makes the values safe; the same model gives the JSON Schema
the simulator serves (``/enregistrer/evenements.schema.json``) for the script and editors.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

KINDS = ("page", "fill", "check", "select", "click")
ACTIONS = KINDS[1:]  # what counts as something the writer did (a page is only shown)
MAX_BATCH = 60
TAB_PATTERN = r"^[a-z][a-z0-9-]{0,38}$"


class Action(BaseModel):
    """One report of recorder.js: a page shown, a field filled, a box ticked, a list choice, a click."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=40, strict=True)
    t: float = Field(description="ms since the epoch, as the tab's clock reads it")
    tab: str = Field(pattern=TAB_PATTERN, strict=True)
    path: str = Field(max_length=2000, strict=True)
    kind: Literal["page", "fill", "check", "select", "click"]
    heading: str = Field("", max_length=200, strict=True)
    label: str = Field("", max_length=200, strict=True)
    name: str = Field("", max_length=200, strict=True)
    option: str = Field("", max_length=200, strict=True)
    value: str = Field("", max_length=500, strict=True)
    role: str | None = None
    checked: bool = True
    secret: bool = False

    @field_validator("t")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("t n'est pas un nombre fini")
        return value


BATCH = TypeAdapter(list[Action])


def schema() -> dict:
    document = BATCH.json_schema()
    document["title"] = "Actions rapportées par le mode enregistrement (recorder.js)"
    document["maxItems"] = MAX_BATCH
    return document
