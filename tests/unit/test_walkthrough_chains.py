"""start_from: a walkthrough begins where another ends, instead of replaying it by hand.

Hand-written ``prepare`` replays drift from the procedure they copy (a shortcut here, a
renamed variable there) and hide that one walkthrough depends on another; these tests keep
them from coming back and pin down what the runner plays for a chain.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from simulator.procedures.model import (
    Step,
    Walkthrough,
    WalkthroughError,
    chain,
    lines,
    load_all,
    parse,
    played,
    steps_of_line,
)

WALKTHROUGHS = load_all()
BY_SLUG = {w.slug: w for w in WALKTHROUGHS}


def _walkthrough(
    slug: str, start_from: str | None = None, setup: str = "", ids=("un", "deux")
) -> Walkthrough:
    steps = "".join(
        f"  - id: {i}\n    page: /pigp/connexion\n    target: {{button: Connexion}}\n    caption: {i}.\n"
        for i in ids
    )
    head = f"slug: {slug}\ntitle: {slug}\nportal: pigp\nguide: pigp.md\n"
    head += f"start_from: {start_from}\n" if start_from else ""
    return parse(head + setup + "steps:\n" + steps, Path(f"{slug}.yaml"))


def test_a_chain_is_played_oldest_first_as_prepare_steps_each_after_its_own_setup():
    first = _walkthrough("premier", setup="setup: {faults: {mail_to_spam: true}}\n", ids=("a", "b"))
    second = _walkthrough("deuxieme", "premier", ids=("c",))
    third = _walkthrough("troisieme", "deuxieme", setup="setup: {clock: [6mois]}\n", ids=("d", "e"))
    every = {w.slug: w for w in (first, second, third)}

    plan = played(third, every)

    assert [owner.slug for owner, _ in plan] == ["premier", "deuxieme", "troisieme"]
    assert [[(s.id, s.prepare) for s in steps] for _, steps in plan] == [
        [("a", True), ("b", True)],
        [("c", True)],
        [("d", False), ("e", False)],
    ]
    # each setup belongs to its own walkthrough: the runner applies it just before its steps
    assert [owner.setup.faults or owner.setup.clock for owner, _ in plan] == [
        {"mail_to_spam": True},
        (),
        ("6mois",),
    ]
    assert [s.id for s in third.shown_steps()] == ["d", "e"]  # the chain shows nothing


def test_walkthroughs_that_start_from_one_another_are_played_as_one_line():
    root = _walkthrough("racine")
    longest = _walkthrough("b-long", "racine")
    after_it = _walkthrough("b-long-suite", "b-long")
    sibling = _walkthrough("a-soeur", "racine")
    alone = _walkthrough("seul")
    every = {w.slug: w for w in (root, longest, after_it, sibling, alone)}

    found = [[w.slug for w in line] for line in lines(list(every.values()), every)]

    # the parent goes on into the child with the longest line after it (not the first by
    # name); the other child replays the chain from a new sandbox; each walkthrough once
    assert found == [["racine", "b-long", "b-long-suite"], ["a-soeur"], ["seul"]]
    # what a worker plays: a line's own steps, and the chain its first one starts from
    assert [steps_of_line(line, every) for line in lines(list(every.values()), every)] == [6, 4, 2]


def test_a_line_joins_only_walkthroughs_to_replay_and_of_the_same_window():
    root = _walkthrough("racine")
    child = _walkthrough("enfant", "racine")
    every = {w.slug: w for w in (root, child)}
    # an unchanged parent is not replayed for its child: the child replays its chain alone
    assert [[w.slug for w in line] for line in lines([child], every)] == [["enfant"]]
    narrow = child.model_copy(update={"viewport": {"width": 390, "height": 844}})
    every["enfant"] = narrow
    assert [[w.slug for w in line] for line in lines([root, narrow], every)] == [
        ["enfant"],
        ["racine"],
    ]


def test_the_committed_walkthroughs_make_lines_that_save_most_prefixes():
    found = lines(WALKTHROUGHS, BY_SLUG)
    assert sorted(w.slug for line in found for w in line) == sorted(BY_SLUG)
    for line in found:
        for before, after in zip(line, line[1:], strict=False):
            assert after.start_from == before.slug
    replayed = sum(len(s) for line in found for _, s in played(line[0], BY_SLUG)[:-1])
    every_chain = sum(len(s) for w in WALKTHROUGHS for _, s in played(w, BY_SLUG)[:-1])
    assert replayed < every_chain / 2


def test_walkthroughs_are_parsed_again_when_a_file_changes(tmp_path, monkeypatch):
    from simulator.procedures import model

    folder = tmp_path / "pigp"
    folder.mkdir()
    path = folder / "01-un.yaml"
    text = "slug: un\ntitle: Un\nportal: pigp\nguide: pigp.md\nsteps:\n  - id: a\n    page: /\n    caption: A.\n"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(model, "ROOT", tmp_path)
    monkeypatch.setattr(model, "_read", {})
    assert [w.title for w in load_all()] == ["Un"]
    assert load_all()[0] is load_all()[0]  # read once while nothing changes
    path.write_text(text.replace("Un", "UN"), encoding="utf-8")  # same size, same instant
    assert [w.title for w in load_all()] == ["UN"]


def test_a_walkthrough_without_start_from_plays_only_its_own_steps():
    alone = _walkthrough("seul")
    assert played(alone, {"seul": alone}) == [(alone, alone.steps)]


def test_a_start_from_loop_is_refused():
    a, b = _walkthrough("aa", "bb"), _walkthrough("bb", "aa")
    with pytest.raises(WalkthroughError, match="start_from en boucle"):
        chain(a, {"aa": a, "bb": b})


def test_every_start_from_names_an_earlier_walkthrough_of_the_same_portal():
    """Chains follow the guide's order: a walkthrough starts from one the reader has already done."""
    order = [w.slug for w in WALKTHROUGHS]
    for w in WALKTHROUGHS:
        for before in chain(w, BY_SLUG):
            assert before.portal == w.portal, f"{w.slug} part de {before.slug}, d'un autre portail"
            assert order.index(before.slug) < order.index(w.slug), (
                f"{w.slug} part de {before.slug}, placé après"
            )


# No replays written by hand ---------------------------------------------------------------


def _key(step: Step) -> tuple | None:
    """What a step does, for comparing: page, typed text, ticked boxes, chosen options and
    the element clicked. A step that only looks (or only opens a page) does nothing to
    compare; ``{vars.x}`` is any value read on screen, whatever a copy named it."""
    acts = bool(step.fill or step.check or step.select) or step.does == "click"
    if not acts:
        return None
    anyvar = lambda text: re.sub(r"\{vars\.\w+\}", "{vars}", str(text))  # noqa: E731
    target = (
        step.target.model_dump(exclude_defaults=True)
        if step.target and step.does == "click"
        else None
    )
    return (
        step.page,
        tuple(sorted((label, anyvar(text)) for label, text in step.fill.items())),
        tuple(str(box) for box in step.check),
        tuple(sorted(step.select.items())),
        repr(target),
    )


def _keys(steps) -> list[tuple]:
    return [k for k in map(_key, steps) if k is not None]


def _prepare_runs(walkthrough: Walkthrough) -> list[list[Step]]:
    runs, current = [], []
    for step in walkthrough.steps:
        if step.prepare:
            current.append(step)
        elif current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def _contains_in_order(haystack: list, needle: list) -> bool:
    remaining = iter(haystack)
    return all(any(item == wanted for item in remaining) for wanted in needle)


def _copied_stretch(run: list, other: list, length: int) -> list | None:
    for i in range(len(run) - length + 1):
        for j in range(len(other) - length + 1):
            if run[i : i + length] == other[j : j + length]:
                return run[i : i + length]
    return None


def replays(walkthroughs: list[Walkthrough]) -> list[str]:
    """The prepare runs that redo another walkthrough: all of its steps, in order (start
    from it instead), or three of its steps or more in a row, copied as they are."""
    found = []
    for w in walkthroughs:
        for run in _prepare_runs(w):
            mine = _keys(run)
            for other in walkthroughs:
                if other.slug == w.slug:
                    continue
                theirs = _keys(other.steps)
                if theirs and _contains_in_order(mine, theirs):
                    found.append(
                        f"{w.slug} : les étapes {run[0].id}…{run[-1].id} rejouent « {other.slug} »"
                        f" en entier : écrivez start_from: {other.slug}"
                    )
                elif _copied_stretch(mine, theirs, 3):
                    found.append(
                        f"{w.slug} : les étapes {run[0].id}…{run[-1].id} recopient des étapes de"
                        f" « {other.slug} » : partez de lui (start_from) ou d'un parcours commun"
                    )
    return found


def test_no_walkthrough_replays_another_by_hand():
    assert replays(WALKTHROUGHS) == []


REPLAY = """slug: {slug}
title: {slug}
portal: pigp
guide: pigp.md
steps:
{steps}  - id: la-suite
    page: /pigp/accueil
    target: {{button: Se déconnecter}}
    caption: Déconnectez-vous.
"""


def _as_prepare(source: Walkthrough) -> str:
    """The doing steps of ``source`` written again by hand as prepare steps, as they used to
    be: no captions, no looks, the value read on screen under another name."""
    copied = []
    for step in source.steps:
        if _key(step) is None:
            continue
        data = step.model_dump(
            mode="json", exclude_defaults=True, exclude={"caption", "quotes", "remember"}
        )
        data["fill"] = {
            k: re.sub(r"\{vars\.\w+\}", "{vars.autre}", v) for k, v in step.fill.items()
        }
        copied.append({**data, "prepare": True})
    return textwrap.indent(yaml.safe_dump(copied, allow_unicode=True, sort_keys=False), "  ")


@pytest.mark.parametrize(
    "slug", ["pigp-premiere-connexion", "karbon-configuration", "bnum-activation"]
)
def test_a_hand_written_replay_of_a_whole_walkthrough_is_caught(slug):
    copy = parse(REPLAY.format(slug="copie", steps=_as_prepare(BY_SLUG[slug])), Path("copie.yaml"))
    found = replays([*WALKTHROUGHS, copy])
    assert any("copie : les étapes" in f and f"« {slug} » en entier" in f for f in found), found


def test_three_steps_copied_from_another_walkthrough_are_caught():
    source = BY_SLUG["karbon-configuration"]
    acting = [s for s in source.steps if _key(s) is not None][1:4]  # not the whole walkthrough
    partial = source.model_copy(update={"steps": tuple(acting)})
    copy = parse(REPLAY.format(slug="copie", steps=_as_prepare(partial)), Path("copie.yaml"))
    found = replays([*WALKTHROUGHS, copy])
    assert any("recopient des étapes de « karbon-configuration »" in f for f in found), found


def test_a_single_shared_first_step_is_not_a_replay():
    """Logging in is everyone's first step: one shared step is not a copied procedure."""
    login = [s for s in BY_SLUG["pigp-premiere-connexion"].steps if _key(s) is not None][:1]
    one = BY_SLUG["pigp-premiere-connexion"].model_copy(update={"steps": tuple(login)})
    copy = parse(REPLAY.format(slug="copie", steps=_as_prepare(one)), Path("copie.yaml"))
    assert not [f for f in replays([*WALKTHROUGHS, copy]) if f.startswith("copie")]
