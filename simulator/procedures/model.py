"""Walkthroughs as data: the one declaration of their format, and loading it from YAML.

The format is declared once, with pydantic, so that the runner, guided mode and editors (via
`schema.json`) read the same rules, and a typo (`action: clik`) is refused with the file,
the line and the step instead of being silently ignored. Kept free of Playwright and of
Flask: guided mode, record mode and the runner all read it (see the package's docstring).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

import yaml

try:  # libyaml's safe loader where PyYAML was built with it (the wheels are): ten times faster
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from ..domain import registry

ROOT = Path(__file__).resolve().parents[2] / "walkthroughs"  # the YAML files, beside their runner
SCHEMA_PATH = ROOT / "schema.json"
PortalKey = Literal[registry.KEYS]  # type: ignore[valid-type]  # the registry's keys, one place
PORTAL_ORDER: tuple[str, ...] = PortalKey.__args__
KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# What a person reads, and how Playwright finds it: a role and its accessible name, a field
# by its label, a text, or (last resort, with a reason) a CSS selector. Declared once here:
# the Locator model's fields, the runner's get_by_role, the French words of the messages and the
# elements guided mode looks among (``selector``, served to guided.js) all come from this table.
class Kind(NamedTuple):
    word: str  # « bouton « Connexion » »
    selector: str  # the elements of that role in a page (guided.js), "" for field/text/css
    description: str = ""


KINDS: dict[str, Kind] = {
    "button": Kind("bouton", "button, input[type=submit], input[type=button], [role=button]"),
    "link": Kind("lien", "a[href], [role=link]"),
    "checkbox": Kind("case", "input[type=checkbox], [role=checkbox]"),
    "radio": Kind("bouton radio", "input[type=radio], [role=radio]"),
    "switch": Kind("interrupteur", "[role=switch]"),
    "heading": Kind("titre", "h1, h2, h3, h4, h5, h6, [role=heading]"),
    "region": Kind("zone", "section[aria-label], section[aria-labelledby], [role=region]"),
    "img": Kind("image", "img, svg, [role=img]"),
    "status": Kind("message", "[role=status], output"),
    "alert": Kind("alerte", "[role=alert]"),
    "row": Kind("ligne", "tr, [role=row]"),
    "cell": Kind("cellule", "td, [role=cell]"),
    "table": Kind("tableau", "table, [role=table]"),
    "list": Kind("liste", "ul, ol, [role=list]"),
    "listitem": Kind("élément de liste", "li, [role=listitem]"),
    "figure": Kind("figure", "figure"),
    "combobox": Kind("liste déroulante", "select, [role=combobox]"),
    "field": Kind("champ", "", "a form field, by its label"),
    "text": Kind("texte", "", "an element whose text is exactly this"),
    "css": Kind("élément CSS", "", "a CSS selector: only with `why`"),
}
LOCATOR_KINDS = tuple(KINDS)
ROLE_KINDS = tuple(k for k, kind in KINDS.items() if kind.selector)
ACTIONS = ("click", "none")


class WalkthroughError(ValueError):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _LocatorBase(_Strict):
    """Exactly one kind, named as the screen names it: ``{button: Connexion}``."""

    why: str | None = Field(None, description="why no role and name can find this element")
    exact: bool = Field(True, description="false: the name only has to contain the text")

    @model_validator(mode="after")
    def _one_kind(self) -> Locator:
        kinds = [k for k in LOCATOR_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                f"une cible nomme exactement un genre d'élément ({', '.join(LOCATOR_KINDS)}),"
                f" pas {len(kinds)}"
            )
        if kinds[0] == "css" and not self.why:
            raise ValueError("une cible CSS dit pourquoi (why:) aucun rôle ni nom ne la trouve")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in LOCATOR_KINDS if getattr(self, k) is not None)

    @property
    def name(self) -> str:
        return getattr(self, self.kind)

    def describe(self) -> str:
        return f"{KINDS[self.kind].word} « {self.name} »"


# one optional field a kind, from the table above
Locator = create_model(
    "Locator",
    __base__=_LocatorBase,
    __module__=__name__,
    __doc__=_LocatorBase.__doc__,
    **{
        key: (str | None, Field(None, description=kind.description) if kind.description else None)
        for key, kind in KINDS.items()
    },
)


class Remember(_Strict):
    """Read a value on screen for later steps (``{vars.<name>}``)."""

    target: Locator
    attribute: str | None = None
    pattern: str | None = None

    @field_validator("pattern")
    @classmethod
    def _regex(cls, value):
        if value is not None:
            re.compile(value)
        return value


class Step(_Strict):
    id: Annotated[str, Field(pattern=KEBAB)]
    page: str = Field(description="regular expression the tab's URL path must fullmatch")
    caption: str = ""
    tab: str = "portail"
    goto: str | None = None
    fill: dict[str, str] = Field(default_factory=dict, description="field label -> text")
    check: tuple[str | Locator, ...] = Field((), description="boxes to tick, by label")
    select: dict[str, str] = Field(default_factory=dict, description="list label -> option")
    remember: dict[str, Remember] = Field(default_factory=dict)
    target: Locator | None = None
    action: Literal["click", "none"] | None = None
    quotes: tuple[str, ...] = Field((), description="sentences of a seed, on screen word for word")
    expect: str | None = None
    screenshot: bool = True
    shot: Literal["region", "page"] = Field(
        "region", description="region: the content block around the target; page: the whole window"
    )
    wall_advance: float = 0
    sandbox_clock: str | None = None
    close_tab: bool = False
    prepare: bool = False  # played to reach the starting point; not shown, not guided

    @field_validator("page")
    @classmethod
    def _page_regex(cls, value):
        try:
            re.compile(value)
        except re.error as problem:
            raise ValueError(f"page n'est pas une expression régulière ({problem})") from None
        return value

    @model_validator(mode="after")
    def _caption(self) -> Step:
        if not self.prepare and not self.caption.strip():
            raise ValueError("une étape montrée a une légende (caption)")
        return self

    @property
    def does(self) -> str:
        return self.action or ("click" if self.target else "none")

    def matches(self, path: str) -> bool:
        return re.fullmatch(self.page, path) is not None


class Viewport(_Strict):
    width: int = Field(ge=320, le=3840)
    height: int = Field(ge=320, le=3840)


class Setup(_Strict):
    faults: dict[str, bool] = Field(default_factory=dict)
    settings: dict[str, str | int | bool] = Field(default_factory=dict)
    clock: tuple[str, ...] = ()


class Walkthrough(_Strict):
    slug: Annotated[str, Field(pattern=KEBAB)]
    title: str = Field(min_length=1)
    portal: PortalKey
    guide: Annotated[str, Field(pattern=r"^[a-z0-9-]+\.md$")]
    start_from: str | None = Field(None, description="slug of a walkthrough played first")
    guided: bool = Field(
        True, description="offered in guided mode; false for the sandbox's own tools (the recorder)"
    )
    viewport: Viewport | None = None
    setup: Setup = Field(default_factory=Setup)
    steps: tuple[Step, ...] = Field(min_length=1)
    source: Path | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _unique_ids(self) -> Walkthrough:
        ids = [s.id for s in self.steps]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"identifiants d'étape en double : {', '.join(twice)}")
        return self

    def shots(self) -> list[tuple[int, Step]]:
        """(number, step) of the steps that make a screenshot, numbered from 1."""
        return [(n, s) for n, s in enumerate(self.shown_steps(), start=1) if s.screenshot]

    def shown_steps(self) -> list[Step]:
        return [s for s in self.steps if not s.prepare]

    def anchor(self, step: Step) -> str:
        """The id of a step in the guide page (guided mode links to it)."""
        return f"{self.slug}--{step.id}"

    def guide_url(self, step: Step) -> str:
        return f"{self.guide.removesuffix('.md')}/#{self.anchor(step)}"

    @staticmethod
    def image_name(number: int, step: Step) -> str:
        return f"{number:02d}-{step.id}.png"


PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[A-Za-z0-9_]+)+)\}")


def resolve(text: str, variables: dict) -> str:
    """``{accounts.pigp.username}``, ``{person.masked_email}``, ``{vars.code}``: the sandbox's own values.

    The runner and guided mode fill the same placeholders from the same names, so a step
    written once finds the trainee's own identifier and the walkthrough seed's alike.
    """

    def value(match: re.Match) -> str:
        node = variables
        for part in match.group(1).split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(match.group(1))
            node = node[part]
        return str(node)

    return PLACEHOLDER.sub(value, text)


def schema() -> dict:
    """The JSON schema editors complete from (published as walkthroughs/schema.json)."""
    document = Walkthrough.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Parcours (walkthrough) du bac à sable 2FA"
    document.get("properties", {}).pop("source", None)
    return document


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# Loading ------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)


def _node_at(node, loc: tuple) -> yaml.Node:
    """The deepest YAML node along a pydantic error location (for its line number)."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                break
            key, value = pair
            node = value if isinstance(value, (yaml.MappingNode, yaml.SequenceNode)) else key
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            break
    return node


def _message(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    given = error.get("input")
    if kind == "extra_forbidden":
        return f"clé inconnue « {field} »"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "").replace("'", "")
        noun = {"action": "action inconnue", "portal": "portail inconnu"}.get(
            field, f"valeur inconnue pour {field}"
        )
        return f"{noun} « {given} » ({allowed.replace(' or ', ', ')})"
    if kind == "missing":
        return f"clé obligatoire manquante « {field} »"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type"):
        return f"{field} attend un nombre, pas « {given} »"
    if kind in ("bool_parsing", "bool_type"):
        return f"{field} attend true ou false, pas « {given} »"
    if kind == "string_pattern_mismatch":
        return f"{field} « {given} » doit être en minuscules-avec-tirets (kebab-case)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        what = "une étape" if loc[-1:] and isinstance(loc[-1], int) else (field or "cet élément")
        return f"{what} doit être un dictionnaire (clé: valeur), pas « {given} »"
    if kind == "too_short":
        return f"{field} : il en faut au moins un"
    message = error["msg"].removeprefix("Value error, ")
    named = loc and isinstance(loc[-1], str)
    return f"{field} : {message}" if named and not message.startswith(field) else message


def _step_name(data, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = data.get("steps") if isinstance(data, dict) else None
        if isinstance(steps, list) and loc[1] < len(steps):
            step = steps[loc[1]]
            return (
                str(step.get("id"))
                if isinstance(step, dict) and step.get("id")
                else f"n° {loc[1] + 1}"
            )
    return None


def parse(text: str, path: Path) -> Walkthrough:
    """One walkthrough from its YAML text; WalkthroughError names file, line and step."""
    shown = _shown(path)
    try:
        data = yaml.load(text, Loader=SafeLoader) or {}
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark else ""
        raise WalkthroughError(
            f"{shown}{where} : YAML illisible ({getattr(problem, 'problem', problem)})"
        ) from None
    if not isinstance(data, dict):
        raise WalkthroughError(f"{shown}, ligne 1 : un parcours est un dictionnaire (slug, title…)")
    try:
        return Walkthrough.model_validate({**data, "source": path})
    except ValidationError as problem:
        root = yaml.compose(text, Loader=SafeLoader)  # the nodes' lines, for the message only
        lines = []
        errors = problem.errors()
        if len(errors) > 1:  # a broken step also makes the list look empty: say only the cause
            errors = [e for e in errors if e["type"] != "too_short"]
        for error in errors:
            loc = tuple(error["loc"])
            node = _node_at(root, loc) if root is not None else None
            where = f", ligne {node.start_mark.line + 1}" if node is not None else ""
            step = _step_name(data, loc)
            lines.append(f"{shown}{where}{f', étape {step}' if step else ''} : {_message(error)}")
        raise WalkthroughError("\n".join(dict.fromkeys(lines))) from None


def load(path: Path) -> Walkthrough:
    return parse(path.read_text(encoding="utf-8"), path)


def load_all() -> list[Walkthrough]:
    """Every walkthrough, checked; parsed again only when a file changed (added, removed,
    edited: its bytes, not its date, which a quick second edit may not change): a replay
    asks for them at each walkthrough it plays, and parsing 23 files cost half a second each
    time. The models are frozen, so sharing them is safe."""
    texts = {p: p.read_bytes() for p in sorted(ROOT.glob("*/*.yaml"))}
    if _read.get("texts") != texts:
        found = [parse(text.decode("utf-8"), path) for path, text in texts.items()]
        _read.update(texts=texts, found=_checked(found))
    return list(_read["found"])


_read: dict = {}


def _checked(found: list[Walkthrough]) -> list[Walkthrough]:
    slugs = [w.slug for w in found]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise WalkthroughError(f"slugs en double : {', '.join(duplicates)}")
    known = set(slugs)
    for w in found:
        if w.start_from and w.start_from not in known:
            raise WalkthroughError(f"{_shown(w.source)} : start_from inconnu « {w.start_from} »")
    order = {p: i for i, p in enumerate(PORTAL_ORDER)}
    return sorted(found, key=lambda w: (order.get(w.portal, 99), str(w.source)))


def by_slug(slugs: list[str] | None = None) -> list[Walkthrough]:
    every = load_all()
    if not slugs:
        return every
    known = {w.slug: w for w in every}
    missing = [s for s in slugs if s not in known]
    if missing:
        raise WalkthroughError(f"parcours inconnus : {', '.join(missing)} (voir --list)")
    return [known[s] for s in slugs]


def chain(walkthrough: Walkthrough, every: dict[str, Walkthrough]) -> list[Walkthrough]:
    """The walkthroughs to play before this one (its start_from, theirs first), oldest first."""
    before: list[Walkthrough] = []
    current = walkthrough
    while current.start_from:
        current = every[current.start_from]
        if current in before or current is walkthrough:
            raise WalkthroughError(f"start_from en boucle autour de « {walkthrough.slug} »")
        before.insert(0, current)
    return before


def played(
    walkthrough: Walkthrough, every: dict[str, Walkthrough]
) -> list[tuple[Walkthrough, tuple[Step, ...]]]:
    """What the runner plays, in order: each walkthrough of the chain with the steps to play.

    The earlier walkthroughs' steps are played as ``prepare`` steps (no capture, no guidance),
    each walkthrough's ``setup`` just before its own steps: a fault set for this one (mail to
    the spam folder) must not change the earlier procedures it starts from. The browser tabs,
    the ``remember``ed values and the wall clock run on through the whole chain.
    """
    earlier = [
        (w, tuple(s.model_copy(update={"prepare": True}) for s in w.steps))
        for w in chain(walkthrough, every)
    ]
    return [*earlier, (walkthrough, walkthrough.steps)]


def lines(
    walkthroughs: list[Walkthrough], every: dict[str, Walkthrough]
) -> list[list[Walkthrough]]:
    """The walkthroughs grouped so that each one after the first of a group starts from the
    one before it: played in one browser context, it goes on from the very state that one
    left, where its own replay would rebuild that state by playing the chain again (99 of the
    260 steps a full regeneration played were such prefixes).

    Only walkthroughs of ``walkthroughs`` are joined (an unchanged parent is not replayed to
    save its child's prefix), in the same window size (a chain is played at its last
    walkthrough's size). A parent goes on into one child, the one with the longest line after
    it; its other children replay the chain as before, from a new sandbox.
    """
    wanted = {w.slug: w for w in walkthroughs}

    def joinable(child: Walkthrough) -> bool:
        parent = wanted.get(child.start_from or "")
        return parent is not None and parent.viewport == child.viewport

    children: dict[str, list[Walkthrough]] = {}
    for w in walkthroughs:
        if joinable(w):
            children.setdefault(w.start_from, []).append(w)

    def length(w: Walkthrough) -> int:
        return 1 + max((length(c) for c in children.get(w.slug, [])), default=0)

    found: list[list[Walkthrough]] = []
    for w in sorted(walkthroughs, key=lambda w: w.slug):
        if joinable(w):
            continue  # placed below, after its parent (or first of a line of its own)
        _extend(found, [w], children, length)
    return found


def steps_of_line(line: list[Walkthrough], every: dict[str, Walkthrough]) -> int:
    """How many steps a line plays: its first walkthrough's start_from chain, then each one's
    own (what a worker spends on it: the longest lines are handed out first)."""
    return sum(len(s) for _, s in played(line[0], every)[:-1]) + sum(len(w.steps) for w in line)


def _extend(found: list, line: list, children: dict, length) -> None:
    """``line`` continued through its last walkthrough's longest child; the other children
    begin lines of their own (they replay the chain from a new sandbox)."""
    kids = sorted(children.get(line[-1].slug, []), key=lambda c: (-length(c), c.slug))
    if not kids:
        found.append(line)
        return
    _extend(found, [*line, kids[0]], children, length)
    for other in kids[1:]:
        _extend(found, [other], children, length)
