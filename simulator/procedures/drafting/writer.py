"""A reviewed draft → the walkthrough YAML file, and what keeps it from being a valid one.

The keys written are ``model.Step``'s own fields, a value left out when it is the model's
default (the portal's tab, a screenshot taken), so the file reads like a hand-written one.
They come in the order those files use — where the step happens first, what it does, then
what it says and whether it is captured — and a locator names its element before how
(``{link: …, exact: false}``). The draft may still be invalid when it is written (an emptied
caption): :func:`validate` writes it anyway and lets ``model.parse`` name each problem by
file line and step, as it does for a hand-written file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..model import LOCATOR_KINDS, Step, WalkthroughError, parse
from .review import variables_of

_FIRST = ("id", "tab", "goto", "page")  # where the step happens
_LAST = ("caption", "screenshot")  # what it says, whether it is captured
LAYOUT = (
    *_FIRST,
    *(key for key in Step.model_fields if key not in (*_FIRST, *_LAST)),
    *_LAST,
)
_DEFAULTS = {
    key: field.get_default(call_default_factory=True) for key, field in Step.model_fields.items()
}


def _unset(key: str, value) -> bool:
    return value is None or value in ("", [], {}, ()) or value == _DEFAULTS[key]


def _named_first(locator):
    """``{link: …, exact: false}``: the element as a person names it, then how it matches."""
    if not isinstance(locator, dict):
        return locator
    return dict(sorted(locator.items(), key=lambda item: item[0] not in LOCATOR_KINDS))


def _written(step: dict) -> dict:
    out = {}
    for key in LAYOUT:
        value = step.get(key)
        if _unset(key, value):
            continue
        if key == "target":
            value = _named_first(value)
        elif key == "check":
            value = [_named_first(box) for box in value]
        elif key == "remember":
            value = {
                name: {**read, "target": _named_first(read.get("target"))}
                if isinstance(read, dict) and "target" in read
                else read
                for name, read in value.items()
            }
        out[key] = value
    return out


def walkthrough_data(header: dict, steps: list[dict]) -> dict:
    """The walkthrough as the model reads it: model keys only, defaults left out."""
    return {
        "slug": header["slug"],
        "title": header["title"],
        "portal": header["portal"],
        "guide": header["guide"],
        "steps": [_written(step) for step in steps],
    }


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    style = ">" if len(value) > 80 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(header: dict, steps: list[dict]) -> str:
    body = yaml.dump(
        walkthrough_data(header, steps),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return (
        "# yaml-language-server: $schema=../schema.json\n"
        "# Enregistré dans le bac à sable (mode enregistrement) : relisez les légendes avant de le versionner.\n"
        + body
    )


def validate(header: dict, steps: list[dict]) -> tuple[str, list[str]]:
    """The YAML text and the French problems that keep it from being a valid walkthrough."""
    text = to_yaml(header, steps)
    problems: list[str] = []
    try:
        parse(text, Path(f"walkthroughs/{header.get('portal')}/{header.get('slug')}.yaml"))
    except WalkthroughError as error:
        problems += str(error).splitlines()
    known: set[str] = set()
    for number, step in enumerate(steps, start=1):
        missing = sorted(variables_of(step) - known)
        if missing:
            problems.append(
                f"L'étape {number} utilise {', '.join('{vars.' + m + '}' for m in missing)},"
                " qu'aucune étape précédente ne relève."
            )
        known |= set(step.get("remember") or {})
    return text, problems
