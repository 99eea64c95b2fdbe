"""What a tab reports in record mode, and what a recording keeps of it, each declared once.

``services/recordings.py`` validates every batch against :class:`Action` (a malformed one is
refused whole, 400) before it makes the values safe; the same model gives the JSON Schema
the simulator serves (``/enregistrer/evenements.schema.json``) for the script and editors.
What it stores of an action (placeholders instead of values, where a code was shown) is a
:class:`RecordedEvent`: the shape ``procedures/drafting`` reads, checked once as it starts.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

KINDS = ("page", "fill", "check", "select", "click")
Kind = Literal[KINDS]  # type: ignore[valid-type]  # the list above, one place
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
    kind: Kind
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


class Source(BaseModel):
    """Where a typed code was shown (``services/recordings.code_source``): the draft reads it
    there again, since the code changes at every run."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: Literal["mail", "sms", "totp"]  # the tool that showed it: ``tabs.BY_CODES``
    length: int | None = None  # its digits
    id: int | None = None  # mail, SMS: the message
    subject: str = ""  # mail: the message's subject, the link the mailbox lists it by
    prefix: str = ""  # SMS: the words before the code
    issuer: str = ""  # authenticator: the entry that shows it


class Details(BaseModel):
    """What an event kept of the action; each kind fills its own fields, the rest stay empty."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    heading: str = ""  # page: its title
    label: str = ""  # fill, check, select: the field, by its label
    value: str = ""  # fill: a placeholder (``{accounts.pigp.password}``, ``{vars.code}``) or text
    source: Source | None = None  # fill: a code, and where it was shown
    role: str | None = None  # click: button or link; check: checkbox or radio
    name: str = ""  # click: the accessible name
    exact: bool = True  # click: false when the name only has to contain it (a mail's subject)
    checked: bool = True  # check
    option: str = ""  # select
    text: str = ""  # note: a word to the writer (something left out)


class RecordedEvent(BaseModel):
    """One event of a recording as ``services/recordings.py`` stores it (and ``events_of`` reads
    it back): an action of :data:`KINDS` or a note to the writer."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: Kind | Literal["note"]
    tab: str
    path: str
    at: float  # ms: orders the actions of all the tabs
    data: Details = Details()


RECORDED = TypeAdapter(list[RecordedEvent])


def schema() -> dict:
    document = BATCH.json_schema()
    document["title"] = "Actions rapportées par le mode enregistrement (recorder.js)"
    document["maxItems"] = MAX_BATCH
    return document
