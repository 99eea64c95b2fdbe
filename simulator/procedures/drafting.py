"""From what a support writer did in the sandbox to a walkthrough draft (record mode).

The sandbox reports actions (a page shown, a field filled by its label, a box ticked, a
button or link used by its role and name), already turned into placeholders; this module
groups them into steps the way the hand-written walkthroughs are cut — the fields of a form
go with the click that submits them, a page left for another tab becomes a step of its own,
a code read in the mailbox becomes a ``remember`` on that message — and drafts a French
caption for each. Kept free of Flask and of the database, like ``model.py``, so it can be
tested with plain lists and used by any front end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..domain import registry
from .model import PLACEHOLDER, WalkthroughError, parse

STEP_KEYS = (
    "id",
    "tab",
    "goto",
    "page",
    "fill",
    "check",
    "select",
    "remember",
    "target",
    "action",
    "quotes",
    "caption",
    "screenshot",
)
_REGEX_SPECIALS = set(".^$*+?{}[]\\|()")


def slugify(text: str, words: int = 6) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", plain)
    return "-".join(parts[:words]) or "etape"


_LINKING = {
    "a",
    "au",
    "aux",
    "d",
    "de",
    "des",
    "du",
    "en",
    "et",
    "l",
    "la",
    "le",
    "les",
    "pour",
    "sur",
}


def slug_for(title: str, portal: str) -> str:
    """« Première connexion au PIGP » on PIGP: ``pigp-premiere-connexion`` (the portal once)."""
    words: list[str] = []
    for word in slugify(title, 20).split("-"):
        if word == portal:  # « … au PIGP » : the portal and the word that led to it
            while words and words[-1] in _LINKING:
                words.pop()
        else:
            words.append(word)
    while words and words[-1] in _LINKING:
        words.pop()
    return "-".join([portal, *words[:6]])[:60].strip("-")


def plain(caption: str) -> str:
    """A caption as the writer edits it: the text, without the Markdown of its bold."""
    return caption.replace("**", "")


def rebold(before: str, edited: str) -> str:
    """The writer's plain text with the names that were bold before made bold again."""
    out = edited
    for phrase in sorted(set(re.findall(r"\*\*(.+?)\*\*", before)), key=len, reverse=True):
        if f"**{phrase}**" in out:
            continue
        found = re.search(rf"(?<![\w*]){re.escape(phrase)}(?![\w*])", out)
        if found:
            out = f"{out[: found.start()]}**{phrase}**{out[found.end() :]}"
    return out


def page_pattern(path: str) -> str:
    """The ``page:`` regular expression of a path: ids (digits) and tokens may change per run."""
    segments = []
    for segment in path.split("/"):
        if segment.isdigit():
            segments.append(r"\d+")
        elif _token(segment):
            segments.append(r"[^/]+")
        else:
            segments.append("".join("\\" + c if c in _REGEX_SPECIALS else c for c in segment))
    return "/".join(segments)


def _token(segment: str) -> bool:
    """A one-time token in a path (a reset link's), not a word: it changes at every run."""
    digits = sum(c.isdigit() for c in segment)
    return (
        len(segment) >= 20
        and re.fullmatch(r"[A-Za-z0-9_-]+", segment) is not None
        and re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", segment) is None
        and digits >= 2
    )


def _plain(path: str) -> bool:
    return page_pattern(path) == path


# Segmenting the actions into page visits ---------------------------------------------------


@dataclass
class Visit:
    """One page shown in one tab, from its load to the next page of that tab."""

    tab: str
    path: str
    heading: str = ""
    opened: bool = False  # reached by typing or a sandbox link, not by a recorded click: `goto`
    click_path: str | None = None  # the path of the click that led here
    remember: dict = field(default_factory=dict)
    pending: list = field(default_factory=list)
    steps: int = 0


def _screen_of(source: dict) -> tuple[str, callable]:
    kind = source.get("kind")
    if kind == "mail":
        wanted = f"/messagerie/message/{source.get('id')}"
        return "messagerie", lambda p: p == wanted
    if kind == "sms":
        return "telephone", lambda p: p.startswith("/telephone")
    return "authentificateur", lambda p: p.startswith("/authentificateur")


def remember_of(source: dict, length: int) -> dict:
    """Where the runner reads the code again: the message body, the SMS, the app's entry."""
    pattern = rf"\b(\d{{{length}}})\b"
    kind = source.get("kind")
    if kind == "mail":
        return {"target": {"region": "Contenu du message"}, "pattern": pattern}
    if kind == "sms":
        return {
            "target": {"text": source.get("prefix") or "code", "exact": False},
            "pattern": pattern,
        }
    # the app's entry, named by its issuer, shows the code as two groups of digits
    half = length // 2
    return {
        "target": {"listitem": str(source.get("issuer", "")), "exact": False},
        "pattern": rf"\b(\d{{{half}}}) (\d{{{length - half}}})\b",
    }


def _with_synthetic_views(events: list[dict]) -> list[dict]:
    """A code typed without its screen recorded (read before « Enregistrer »): add that screen."""
    out = []
    for event in events:
        source = (event.get("data") or {}).get("source")
        if event["kind"] == "fill" and source:
            tab, on_screen = _screen_of(source)
            seen = any(e["kind"] == "page" and on_screen(e["path"]) for e in out)
            if not seen:
                at = event["at"] - 0.003
                if source.get("kind") == "mail":
                    out += [
                        {
                            "kind": "page",
                            "tab": tab,
                            "path": "/messagerie/",
                            "at": at,
                            "data": {"heading": ""},
                        },
                        {
                            "kind": "click",
                            "tab": tab,
                            "path": "/messagerie/",
                            "at": at + 0.001,
                            "data": {
                                "role": "link",
                                "name": source.get("subject", ""),
                                "exact": False,
                            },
                        },
                        {
                            "kind": "page",
                            "tab": tab,
                            "path": f"/messagerie/message/{source.get('id')}",
                            "at": at + 0.002,
                            "data": {"heading": ""},
                        },
                    ]
                else:
                    path = "/telephone/" if source.get("kind") == "sms" else "/authentificateur/"
                    out.append(
                        {
                            "kind": "page",
                            "tab": tab,
                            "path": path,
                            "at": at,
                            "data": {"heading": ""},
                        }
                    )
        out.append(event)
    return out


def _visits(events: list[dict]) -> dict[int, Visit]:
    """The visit each event belongs to, by the event's index."""
    current: dict[str, Visit] = {}
    last_kind: dict[str, str] = {}
    last_click_path: dict[str, str] = {}
    owner: dict[int, Visit] = {}
    for index, event in enumerate(events):
        tab, path, kind = event["tab"], event["path"], event["kind"]
        visit = current.get(tab)
        if kind == "page" or visit is None or visit.path != path:
            came_by_click = last_kind.get(tab) == "click"
            visit = Visit(
                tab,
                path,
                heading=(event.get("data") or {}).get("heading", "") if kind == "page" else "",
                opened=not came_by_click,
                click_path=last_click_path.get(tab) if came_by_click else None,
            )
            current[tab] = visit
        owner[index] = visit
        if kind != "note":
            last_kind[tab] = kind
        if kind == "click":
            last_click_path[tab] = path
    return owner


# Steps --------------------------------------------------------------------------------------


def draft(events: list[dict], title: str, portal: str) -> dict:
    """The reviewable draft: walkthrough header, steps (model keys) and notes for the writer.

    ``events``: dicts with kind (page, fill, check, select, click, note), tab, path, at
    (milliseconds, ordering the tabs' actions) and data; typed values already placeholders.
    """
    events = _with_synthetic_views(sorted(events, key=lambda e: e["at"]))
    notes = [e["data"]["text"] for e in events if e["kind"] == "note"]
    events = [e for e in events if e["kind"] != "note"]
    owner = _visits(events)
    names: dict[str, str] = {}  # source key -> variable name
    for index, event in enumerate(events):
        source = (event.get("data") or {}).get("source")
        if event["kind"] != "fill" or not source:
            continue
        tab, on_screen = _screen_of(source)
        shown = [
            owner[i]
            for i in range(index)
            if events[i]["kind"] == "page" and on_screen(events[i]["path"])
        ]
        key = repr(sorted(source.items()))
        name = names.setdefault(key, "code" if not names else f"code{len(names) + 1}")
        event["data"] = {**event["data"], "value": f"{{vars.{name}}}"}
        if shown:
            shown[-1].remember[name] = remember_of(source, int(source.get("length") or 6))

    steps: list[dict] = []
    previous = None
    for index, event in enumerate(events):
        visit = owner[index]
        if previous is not None and previous is not visit and previous.tab != visit.tab:
            _leave(previous, steps)
        if previous is not None and previous is not visit and previous.tab == visit.tab:
            _leave(previous, steps)
        if event["kind"] in ("fill", "check", "select"):
            visit.pending.append(event)
        elif event["kind"] == "click":
            steps.append(_step(visit, event))
        previous = visit
    if previous is not None:
        _leave(previous, steps, last=True)
    _name_steps(steps)
    _caption_all(steps)
    notes += _opening_notes(steps)
    return {
        "slug": slug_for(title, portal),
        "title": title,
        "portal": portal,
        "guide": registry.BY_KEY[portal].guide_doc if portal in registry.BY_KEY else f"{portal}.md",
        "steps": steps,
        "notes": notes,
    }


def _leave(visit: Visit, steps: list[dict], last: bool = False) -> None:
    """The writer left this page (another tab, another page, the end): what it showed."""
    if visit.pending:
        steps.append(_step(visit, None))
    elif visit.steps == 0 and (
        visit.remember or visit.click_path != visit.path or last and visit.click_path is None
    ):
        steps.append(_step(visit, None))


def _step(visit: Visit, click: dict | None) -> dict:
    step: dict = {"tab": visit.tab, "page": page_pattern(visit.path)}
    if visit.steps == 0 and visit.opened and _plain(visit.path):
        step["goto"] = visit.path
    fill, check, select = {}, {}, {}
    for event in visit.pending:
        data = event["data"]
        if event["kind"] == "fill":
            fill[data["label"]] = data["value"]
        elif event["kind"] == "check":
            check[data["label"]] = bool(data.get("checked", True))
        else:
            select[data["label"]] = data["option"]
    visit.pending = []
    if fill:
        step["fill"] = fill
    if any(check.values()):
        step["check"] = [label for label, on in check.items() if on]
    if select:
        step["select"] = select
    if visit.remember and visit.steps == 0:
        step["remember"] = dict(visit.remember)
    if click is not None:
        data = click["data"]
        step["target"] = {
            data["role"]: data["name"],
            **({"exact": False} if data.get("exact") is False else {}),
        }
    elif "remember" in step:
        step["target"] = next(iter(step["remember"].values()))["target"]
        step["action"] = "none"
    else:
        if visit.heading:
            step["target"] = {"heading": visit.heading}
        step["action"] = "none"
    step["_heading"] = visit.heading
    visit.steps += 1
    return step


def _name_steps(steps: list[dict]) -> None:
    used: set[str] = set()
    for step in steps:
        target = step.get("target") or {}
        if "remember" in step:
            base = "lire-le-code"
        elif step.get("action") == "none" and not step.get("fill") and not step.get("check"):
            heading = PLACEHOLDER.sub("", step.get("_heading") or "")
            base = "page-" + slugify(heading, 4) if heading.strip() else "page"
        elif target and "css" not in target:
            name = next(v for k, v in target.items() if k != "exact")
            base = slugify(re.sub(PLACEHOLDER, "", name), 5)
        else:
            base = "saisir-" + slugify(next(iter(step.get("fill") or {"champs": ""})), 4)
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        step["id"] = name


# Captions ------------------------------------------------------------------------------------


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _imperative(label: str) -> bool:
    """« Choisissez un mot de passe »: a label that already says what to do."""
    first = label.split(" ", 1)[0].lower()
    return len(first) > 3 and first.endswith("ez")


def _what(label: str, value: str) -> str:
    if value.startswith("{vars."):
        return f"le code dans **{label}**"
    if PLACEHOLDER.fullmatch(value):
        return f"votre **{label}**"
    return f"« {value} » dans **{label}**"


TAB_WORDS = {
    "portail": "du portail",
    "messagerie": "de la messagerie",
    "telephone": "du téléphone",
    "authentificateur": "de l'application d'authentification",
}
OPENED = {
    "messagerie": "la messagerie",
    "telephone": "le téléphone",
    "authentificateur": "l'application d'authentification",
}


def caption(step: dict, previous: dict | None = None, seen_tabs: frozenset = frozenset()) -> str:
    """The French caption drafted from a step's actions, in the guide's imperative voice."""
    actions = []
    fills = step.get("fill") or {}
    nouns = [_what(k, v) for k, v in fills.items() if not _imperative(k)]
    if nouns:
        actions.append("saisissez " + _join(nouns))
    actions += [k[0].lower() + k[1:] for k in fills if _imperative(k)]
    if step.get("check"):
        actions.append("cochez " + _join([f"**{c}**" for c in step["check"]]))
    if step.get("select"):
        actions.append(
            "choisissez " + _join([f"**{v}** dans **{k}**" for k, v in step["select"].items()])
        )
    target = step.get("target") or {}
    if step.get("action") != "none" and target:
        name = next(v for k, v in target.items() if k not in ("exact", "why"))
        actions.append(f"cliquez sur **{name}**")
    if step.get("remember"):
        actions.append("relevez le code affiché")
    heading = step.get("_heading")
    if not actions:
        text = f"La page « {heading} » s'affiche." if heading else "La page s'affiche."
    else:
        text = (
            ", ".join(actions[:-1]) + ", puis " + actions[-1] if len(actions) > 1 else actions[0]
        ) + "."
        text = text[0].upper() + text[1:]
    tab = step.get("tab", "portail")
    if previous is not None and previous.get("tab", "portail") != tab:
        if tab in seen_tabs:
            text = f"Revenez à l'onglet {TAB_WORDS.get(tab, f'« {tab} »')}. {text}"
        else:
            thing = OPENED.get(tab) or (f"la page « {heading} »" if heading else "la page")
            text = f"Dans un nouvel onglet, ouvrez {thing}. {text}"
    return PLACEHOLDER.sub(_in_words, text)


_WORDS = {
    "full_name": "(votre nom)",
    "first_name": "(votre prénom)",
    "last_name": "(votre nom)",
    "email": "votre adresse",
    "masked_email": "votre adresse (masquée)",
    "mobile": "votre numéro de portable",
    "mobile_national": "votre numéro de portable",
    "username": "votre identifiant",
    "password": "votre mot de passe",
}


def _in_words(match: re.Match) -> str:
    """A caption is read by people: « Bienvenue {person.full_name} » reads « Bienvenue votre nom »."""
    last = match.group(1).rsplit(".", 1)[-1]
    return "le code" if match.group(1).startswith("vars.") else _WORDS.get(last, "…")


def plain_words(text: str) -> str:
    """A recorded value or heading as the writer reads it: « votre mot de passe », not a placeholder."""
    return PLACEHOLDER.sub(_in_words, plain(str(text)))


def _caption_all(steps: list[dict]) -> None:
    seen: set[str] = set()
    for i, step in enumerate(steps):
        step["caption"] = caption(step, steps[i - 1] if i else None, frozenset(seen))
        seen.add(step.get("tab", "portail"))


def _opening_notes(steps: list[dict]) -> list[str]:
    seen, notes = set(), []
    for number, step in enumerate(steps, start=1):
        tab = step.get("tab", "portail")
        if tab not in seen and "goto" not in step:
            notes.append(
                f"L'étape {number} est la première de l'onglet « {tab} » mais son adresse change à chaque"
                f" fois ({step['page']}) : ajoutez-lui un « goto » ou une étape qui y mène."
            )
        seen.add(tab)
    return notes


# Review: merge, remove, validate, write -----------------------------------------------------


class DraftError(ValueError):
    """A change the draft cannot take, in French."""


def merge(steps: list[dict], index: int) -> list[dict]:
    """Step ``index`` and the next one become one (same tab and page; the first does not click)."""
    if not 0 <= index < len(steps) - 1:
        raise DraftError("Il n'y a pas d'étape suivante à fusionner.")
    first, second = steps[index], steps[index + 1]
    if (
        first.get("tab", "portail") != second.get("tab", "portail")
        or first["page"] != second["page"]
    ):
        raise DraftError(
            f"Les étapes {index + 1} et {index + 2} ne se passent pas sur la même page du même onglet :"
            " elles ne peuvent pas être fusionnées."
        )
    if first.get("action") != "none" and first.get("target"):
        raise DraftError(
            f"L'étape {index + 1} se termine par un clic (elle change de page) : une étape ne fait"
            " qu'une action, elle ne peut pas être fusionnée avec la suivante."
        )
    if second.get("goto"):
        raise DraftError(
            f"L'étape {index + 2} rouvre la page : elle ne peut pas être fusionnée avec la précédente."
        )
    merged = dict(first)
    for key in ("fill", "select", "remember"):
        if first.get(key) or second.get(key):
            merged[key] = {**(first.get(key) or {}), **(second.get(key) or {})}
    if first.get("check") or second.get("check"):
        merged["check"] = list(
            dict.fromkeys([*(first.get("check") or []), *(second.get("check") or [])])
        )
    if second.get("target"):
        merged["target"] = second["target"]
        merged["action"] = second.get("action")
        if merged["action"] is None:
            merged.pop("action")
    merged["quotes"] = list(
        dict.fromkeys([*(first.get("quotes") or []), *(second.get("quotes") or [])])
    )
    merged["caption"] = " ".join(
        p for p in (first.get("caption", "").strip(), second.get("caption", "").strip()) if p
    )
    merged["screenshot"] = first.get("screenshot", True) or second.get("screenshot", True)
    return [*steps[:index], merged, *steps[index + 2 :]]


def _variables(step: dict) -> set[str]:
    texts = [
        *(step.get("fill") or {}).values(),
        *(step.get("select") or {}).values(),
        step.get("goto") or "",
    ]
    return {
        m.group(1).split(".", 1)[1]
        for t in texts
        for m in PLACEHOLDER.finditer(str(t))
        if m.group(1).startswith("vars.")
    }


def remove(steps: list[dict], index: int) -> list[dict]:
    """Step ``index`` dropped; its page is opened by the next step of the tab if it opened it."""
    if not 0 <= index < len(steps):
        raise DraftError("Cette étape n'existe pas.")
    step = steps[index]
    later = (
        set().union(*[_variables(s) for s in steps[index + 1 :]]) if steps[index + 1 :] else set()
    )
    needed = sorted(set(step.get("remember") or {}) & later)
    if needed:
        raise DraftError(
            f"L'étape {index + 1} relève {', '.join('{vars.' + n + '}' for n in needed)}, utilisé plus"
            " loin : elle ne peut pas être supprimée (décochez plutôt sa capture)."
        )
    if len(steps) == 1:
        raise DraftError("Un parcours garde au moins une étape.")
    rest = [dict(s) for s in steps]
    following = next(
        (s for s in rest[index + 1 :] if s.get("tab", "portail") == step.get("tab", "portail")),
        None,
    )
    if (
        step.get("goto")
        and following is not None
        and not following.get("goto")
        and _plain(following["page"])
    ):
        following["goto"] = following["page"]
    return [*rest[:index], *rest[index + 1 :]]


def walkthrough_data(header: dict, steps: list[dict]) -> dict:
    """The walkthrough as the model reads it: model keys only, defaults left out."""
    clean = []
    for step in steps:
        out = {}
        for key in STEP_KEYS:
            value = step.get(key)
            if key == "tab" and value == "portail":
                continue
            if key == "screenshot" and value is not False:
                continue
            if value in (None, "", [], {}):
                continue
            out[key] = value
        clean.append(out)
    return {
        "slug": header["slug"],
        "title": header["title"],
        "portal": header["portal"],
        "guide": header["guide"],
        "steps": clean,
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
        missing = sorted(_variables(step) - known)
        if missing:
            problems.append(
                f"L'étape {number} utilise {', '.join('{vars.' + m + '}' for m in missing)},"
                " qu'aucune étape précédente ne relève."
            )
        known |= set(step.get("remember") or {})
    return text, problems
