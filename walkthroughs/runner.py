"""Drive the simulator through a walkthrough in Chromium and save what the reader sees.

The simulator runs in walkthrough mode in a thread of this process (frozen wall clock,
fixed seed, its own temporary database); each walkthrough gets a new browser context, hence
a new sandbox with the same generated person, and the wall clock is set back to the same
instant, so two runs give the same codes and the same pixels.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from werkzeug.serving import make_server

from simulator.config import DEFAULT_FROZEN_TIME
from simulator.procedures import tabs as tabs_of
from simulator.procedures.model import Locator, Step, Walkthrough, load_all, played, resolve

from . import framing, layout, locate
from .browser import CONTEXT_ARGS
from .compare import SNAPSHOT_SUFFIX
from .hands import Mouse

logging.getLogger("werkzeug").setLevel(logging.WARNING)

WALKTHROUGH_SEED = 2026
START_TIME = DEFAULT_FROZEN_TIME  # the instant every capture shows, the same as the tests'
HIGHLIGHT = "sim-highlight"


class StepFailed(AssertionError):
    def __init__(self, walkthrough: Walkthrough, step: Step, problem: str) -> None:
        super().__init__(f"{walkthrough.slug} › {step.id}: {problem}")


class Used:
    """What the simulator used while a walkthrough ran, for its manifest (walkthroughs/manifest.py):
    the templates Flask rendered (by loader name) and the static paths the browser fetched."""

    def __init__(self) -> None:
        self.templates: set[str] = set()
        self.static: set[str] = set()

    def clear(self) -> None:
        self.templates.clear()
        self.static.clear()


class SimulatorServer:
    """The simulator in walkthrough mode, on a free loopback port, in a thread.

    ``used`` records the templates rendered (Flask's ``template_rendered`` signal) and the
    static files requested (a WSGI wrapper: Flask's static route bypasses no hook this way);
    the caller clears it before a walkthrough and reads it after.
    """

    def __init__(self) -> None:
        from flask import template_rendered

        from simulator import create_app
        from simulator.config import portals_from

        self._tmp = tempfile.TemporaryDirectory(prefix="walkthrough-")
        self.app = create_app(
            {
                "SIM_MODE": "walkthrough",
                "SIM_SEED": WALKTHROUGH_SEED,
                "SIM_FROZEN_TIME": START_TIME,
                "DATABASE_URL": f"sqlite:///{self._tmp.name}/walkthrough.sqlite",
                "SECRET_KEY": "walkthrough",
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                "SIM_PORTALS": portals_from(os.environ.get("SIM_PORTALS")),
                "SIM_SHEETS_DIR": f"{self._tmp.name}/fiches",  # record mode's sheets, not instance/
            }
        )
        self.used = Used()
        template_rendered.connect(self._rendered, self.app)
        self._server = make_server("127.0.0.1", 0, self._recording, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _rendered(self, sender, template, context, **extra) -> None:
        from flask import request

        # Chromium asks for /favicon.ico on its own, at any moment (the 404 page answers): not a screen
        if template.name and request.path != "/favicon.ico":
            self.used.templates.add(template.name)

    def _recording(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(f"{self.app.static_url_path}/"):
            self.used.static.add(path)
        return self.app(environ, start_response)

    def __enter__(self) -> SimulatorServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self.app.extensions["sim.db"].dispose()
        self._tmp.cleanup()


@dataclass
class RunResult:
    walkthrough: Walkthrough
    images: list[Path] = field(default_factory=list)
    snippet: Path | None = None


@dataclass(frozen=True)
class Mode:
    """How to replay: ``inspect(page, walkthrough, step, number)`` is called at every shown
    step in the state its screenshot shows (walkthroughs/audit.py), ``hands`` act on the page
    (walkthroughs/hands.py: mouse or keyboard only), ``viewport`` overrides the window size.

    ``also_at`` (guided runs): a second window size where every step is checked too before the
    trainee acts at ``viewport`` — the panel's « N/T », the outline, the element clear of the
    panel, and ``inspect`` there. One replay checks both widths (a phone's docked panel, a
    desktop's side one), where two replays cost twice the pages (issue 21)."""

    inspect: object | None = None
    hands: object = field(default_factory=Mouse)
    viewport: dict | None = None
    screenshots: bool = True
    also_at: dict | None = None
    # the outline and the numbered marker, the words and the layout of each screen, the
    # check that each element and quote is there, the step text: all that the bench's floor
    # (tests/bench/captures.py) leaves out, to play the same steps with Playwright's own calls
    witnesses: bool = True


def run(
    walkthrough: Walkthrough,
    browser,
    base_url: str,
    out_dir: Path,
    *,
    guided: bool = False,
    mode: Mode | None = None,
) -> RunResult:
    """Play every step; raise StepFailed at the first one that does not hold.

    With ``guided``, the sandbox's guided mode is on and every step the trainee acts on checks
    that the page outlines the very element the step names (no screenshots then: the panel
    would be in them).
    """
    return run_line([walkthrough], browser, base_url, out_dir, guided=guided, mode=mode)[0]


def run_line(
    line: list[Walkthrough],
    browser,
    base_url: str,
    out_dir: Path,
    *,
    guided: bool = False,
    mode: Mode | None = None,
    done=None,
) -> list[RunResult]:
    """Play walkthroughs each of which starts from the one before it (``model.lines``) in one
    browser context: the first with its start_from chain, each next one with its own steps
    only, from the state the one before it left — the state its chain would rebuild, tabs,
    remembered values and clocks included. One result a walkthrough, in order; ``done(result)``
    is called as each walkthrough ends, before the next one begins."""
    mode = mode or Mode()
    if guided and len(line) > 1:
        raise ValueError("guided mode follows one walkthrough at a time")
    for walkthrough, following in zip(line, line[1:], strict=False):
        if following.start_from != walkthrough.slug or following.viewport != walkthrough.viewport:
            raise ValueError(f"« {following.slug} » ne part pas de « {walkthrough.slug} »")
    outs = [out_dir / w.slug for w in line]
    for out in outs:
        out.mkdir(parents=True, exist_ok=True)
        for old in [
            *out.glob("*.png"),
            *out.glob(f"*{SNAPSHOT_SUFFIX}"),
            *out.glob(f"*{layout.SUFFIX}"),
        ]:
            old.unlink()
    args = {**CONTEXT_ARGS, "base_url": base_url}
    if mode.screenshots and not guided:
        args["device_scale_factor"] = framing.SCALE
    if line[0].viewport:
        args["viewport"] = line[0].viewport.model_dump()
    if mode.viewport:
        args["viewport"] = mode.viewport
    context = browser.new_context(**args)
    context.set_default_timeout(10_000)
    try:
        results = _play(line, context, outs, guided, mode, done)
    finally:
        context.close()
    if not guided and mode.screenshots and mode.witnesses:
        for result, out in zip(results, outs, strict=True):
            result.snippet = write_snippet(result.walkthrough, out)
    return results


def _play(
    line: list[Walkthrough], context, outs: list[Path], guided: bool, mode: Mode, done=None
) -> list[RunResult]:
    api = context.request
    api.post("/_sim/wall-clock", data={"at": START_TIME})
    tabs = {"portail": context.new_page()}
    tabs["portail"].goto("/")
    tabs["portail"].get_by_role(
        "button", name="Commencer", exact=True
    ).click()  # a sandbox only by POST
    tabs["portail"].wait_for_url("**/")
    first = line[0]
    if guided:  # on from the start, so that every page the chain opens carries the panel
        api.post("/_sim/settings", data={"guided": first.slug, "guided_index": 0})
    state = api.get("/_sim/sandbox.json").json()
    variables = {"accounts": state["accounts"], "person": state["person"], "vars": {}}
    every = {w.slug: w for w in load_all()}
    results = []
    for position, (walkthrough, out) in enumerate(zip(line, outs, strict=True)):
        result = RunResult(walkthrough)
        number = 0
        # the first walkthrough rebuilds its chain; each next one goes on from the last
        chunks = played(walkthrough, every) if position == 0 else [(walkthrough, walkthrough.steps)]
        for owner, steps in chunks:
            _setup(api, owner.setup)
            if guided and owner is walkthrough and walkthrough.start_from:
                # the trainee starts this walkthrough once the earlier ones are done
                api.post("/_sim/settings", data={"guided": walkthrough.slug, "guided_index": 0})
            for step in steps:
                number += 0 if step.prepare else 1
                try:
                    image = _play_step(
                        step, number, walkthrough, context, tabs, variables, out, guided, mode
                    )
                except StepFailed as failed:
                    raise _within(failed, owner, walkthrough) from failed.__cause__
                except (
                    Exception
                ) as problem:  # a Playwright timeout, a missing element, a bad placeholder
                    said = f"{type(problem).__name__}: {problem}"
                    if isinstance(problem, PlaywrightTimeout):
                        said = missing_element(tabs.get(step.tab), step, variables) or said
                    raise _within(
                        StepFailed(walkthrough, step, said), owner, walkthrough
                    ) from problem
                if image:
                    result.images.append(image)
        results.append(result)
        if done is not None:
            done(result)
    if guided:  # the last step done, the panel says so and offers the way back
        front = tabs.get(FRONT)
        if front is not None and not front.is_closed():
            _expect_panel_finished(front)
    return results


def _expect_panel_finished(page) -> None:
    page.wait_for_load_state()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    panel = page.get_by_test_id("guided-panel")
    panel.get_by_test_id("guided-caption").filter(has_text="Procédure terminée").wait_for(
        timeout=15_000
    )
    panel.get_by_role("button", name="Quitter le pas à pas").wait_for(state="visible")


def _within(failed: StepFailed, owner: Walkthrough, walkthrough: Walkthrough) -> StepFailed:
    """A step of an earlier walkthrough of the chain says which one it belongs to."""
    if owner is not walkthrough:
        failed.args = (f"{failed.args[0]} (étape de « {owner.slug} », joué avant : start_from)",)
    return failed


def _setup(api, setup) -> None:
    if setup.faults:
        api.post("/_sim/faults", data=setup.faults)
    if setup.settings:
        api.post("/_sim/settings", data=setup.settings)
    for step in setup.clock:
        api.post("/_sim/sandbox-clock", data={"step": step})


def _play_step(
    step: Step,
    number: int,
    walkthrough: Walkthrough,
    context,
    tabs,
    variables,
    out: Path,
    guided: bool = False,
    mode: Mode | None = None,
):
    mode = mode or Mode()
    hands = mode.hands
    hands.begin_step(walkthrough, step, number)
    if step.wall_advance:
        context.request.post("/_sim/wall-clock", data={"advance_seconds": step.wall_advance})
    if step.sandbox_clock:
        context.request.post("/_sim/sandbox-clock", data={"step": step.sandbox_clock})
    page = tabs.get(step.tab)
    opened_tab = page is None or page.is_closed()
    front = tabs.get(FRONT)
    bar_link = _bar_link(step, front) if opened_tab else None
    if bar_link is not None:
        # as a trainee opens a tool: its link in the sandbox bar, a tab of its own name (with
        # the keyboard in a keyboard-only replay); guided mode outlines that link first
        if guided and not step.prepare:
            _expect_guidance(bar_link)
        with context.expect_page() as opened:
            hands.press(bar_link, "link")
        page = tabs[step.tab] = opened.value
    elif opened_tab:
        page = tabs[step.tab] = context.new_page()
    if step.goto and bar_link is None:
        page.goto(resolve(step.goto, variables))
    path = arrive(page, step)
    if not step.matches(path):
        raise StepFailed(walkthrough, step, f"expected page {step.page!r}, the tab shows {path!r}")
    if (
        len(context.pages) > 1
    ):  # the tab the step acts on is the one in front (the mailbox beside the portal)
        page.bring_to_front()
    fill_in = functools.partial(resolve, variables=variables)
    checked = mode.witnesses
    # An element is counted before it is used only where the hands need it (Tab must know
    # where to stop); with the mouse, only when the step fails (a Playwright timeout:
    # missing_element names it, in French). Counting first cost each step a round trip.
    counted = checked and not isinstance(hands, Mouse)
    try:
        for label, text in step.fill.items():
            hands.fill(locate.field(page, label, fill_in, counted), fill_in(str(text)))
        for box in step.check:
            found = (
                locate.field(page, box, fill_in, counted)
                if isinstance(box, str)
                else locate.element(page, box, fill_in, counted)
            )
            hands.check(found)
        for label, value in step.select.items():
            hands.select(locate.field(page, label, fill_in, counted), fill_in(str(value)))
        for name, how in step.remember.items():
            variables["vars"][name] = _read(page, how, fill_in)
        target = locate.element(page, step.target, fill_in, counted) if step.target else None
    except locate.NotOnScreen as problem:
        raise StepFailed(walkthrough, step, str(problem)) from None
    absent = locate.missing_quotes(page, step.quotes) if checked else []
    if absent:
        raise StepFailed(
            walkthrough,
            step,
            "texte attendu absent de l'écran : " + " ; ".join(f"« {q} »" for q in absent),
        )
    outlines = target is not None and "{vars." not in step.target.name
    if guided and not step.prepare:
        _expect_panel(page, number, len(walkthrough.shown_steps()))
        if outlines:
            _expect_guidance(target)
        if mode.also_at:
            _check_at(page, mode, walkthrough, step, number, target if outlines else None)
    if mode.inspect is not None and not step.prepare and not (guided and mode.also_at):
        mode.inspect(page, walkthrough, step, number)
    image = None
    shot = step.screenshot and not step.prepare and not guided and mode.screenshots
    if shot:
        image = out / walkthrough.image_name(number, step)
        whole_window = step.shot == "page" or opened_tab
        # the outline is for the picture (a click scrolls by itself), given with the clip
        outline = HIGHLIGHT if target is not None and checked else None
        if target is not None:  # outlined and numbered (the witnesses), with the clip
            clip = framing.outline_and_region(
                target, outline, whole_window, number if checked else None, FIRST_TOUCH_MS
            )
        else:
            clip = framing.region(page, None, whole_window)
        page.mouse.move(0, 0)
        framing.shoot(page, image, clip)
        if checked:  # the words, then the layout and, in its round trip, no more marker
            write_snapshot(page, image)  # (hidden from assistive technology: not in the words)
            layout.write(page, image, clip, then=framing.unmarking(outline))
    if target is not None and step.does == "click":
        hands.press(target, step.target.kind)
        page.wait_for_load_state()
    if guided and not step.prepare and step.does == "none":
        # a step that only shows something: the trainee says « J'ai compris »
        panel = page.get_by_test_id("guided-panel")
        panel.get_by_role("button", name="J'ai compris").click()
        total = len(walkthrough.shown_steps())
        expect_text = "terminée" if number == total else rf"étape {number + 1}/{total}$"
        panel.get_by_role("heading").filter(has_text=re.compile(expect_text)).wait_for(
            timeout=15_000
        )
    if step.expect:
        page.get_by_text(fill_in(step.expect)).first.wait_for(state="visible")
    tabs[FRONT] = page
    if step.close_tab:
        page.close()
    return image


ARRIVAL_TIMEOUT_MS = 10_000
# How long the picture waits for its element, once the page has loaded: an element of the
# page is there at once; a missing one fails within this time, not the actions' 10 s.
FIRST_TOUCH_MS = 2_000


def missing_element(page, step: Step, variables) -> str | None:
    """What the step names that the page does not show, in French (locate.NotOnScreen), or
    None when every element is there: asked only once a step has failed."""
    if page is None or page.is_closed():
        return None
    fill_in = functools.partial(resolve, variables=variables)
    named = [Locator(field=label) for label in [*step.fill, *step.select]]
    named += [Locator(field=box) if isinstance(box, str) else box for box in step.check]
    named += [step.target] if step.target is not None else []
    for locator in named:
        try:
            locate.element(page, locator, fill_in)
        except locate.NotOnScreen as problem:
            return str(problem)
    return None


def arrive(page, step: Step, timeout_ms: int = ARRIVAL_TIMEOUT_MS) -> str:
    """The path the tab shows once it shows the step's page, or what it still shows after the
    timeout: a submit button's navigation starts a moment after the click, so the page the
    previous step left may still be there when this step begins."""
    try:
        page.wait_for_url(lambda url: step.matches(locate.url_path(url)), timeout=timeout_ms)
    except PlaywrightTimeout:
        pass
    page.wait_for_load_state()
    return locate.url_path(page.url)


def write_snapshot(page, image: Path) -> Path:
    """The words of the screen beside its picture: what --check compares exactly.

    The page's ``main`` region (the portal, the mailbox…), as Playwright's accessibility tree
    gives it: roles, names and text, no styling, so a renamed button or a changed digit shows.
    """
    path = image.with_name(image.stem + SNAPSHOT_SUFFIX)
    # main, or the body of a page without one: one locator, no round trip to count mains first
    content = page.locator("body:not(:has(main)), main").first
    path.write_text(stable_snapshot(content.aria_snapshot()), encoding="utf-8")
    return path


_ROW_ID = re.compile(r"(?m)^(\s*- /url: .*?/)\d+(?=[/?#]|$)")


def stable_snapshot(snapshot: str) -> str:
    """A link's database id (``/messagerie/message/3``) depends on what the simulator served
    before, not on the screen: it is written ``…`` so that only words and targets count."""
    return _ROW_ID.sub(r"\1…", snapshot).rstrip() + "\n"


FRONT = None  # tabs[FRONT]: the page the last step acted on


def _bar_link(step: Step, front):
    """The sandbox bar's link that opens the step's tool, when the step opens it (goto)."""
    tab = tabs_of.BY_KEY.get(step.tab)
    if front is None or front.is_closed() or tab is None or not tab.bar_testid:
        return None
    if step.goto != f"{tab.path}/":
        return None
    link = front.get_by_test_id(tab.bar_testid)
    return link if link.count() == 1 else None


def _expect_panel(page, number: int, total: int) -> None:
    """Guided mode shows this very step, N of T: no step skipped, none shown twice."""
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # a tab brought back refreshes
    heading = page.get_by_test_id("guided-panel").get_by_role("heading")
    try:
        heading.filter(has_text=re.compile(rf"étape {number}/{total}$")).wait_for(timeout=15_000)
    except PlaywrightTimeout:
        raise AssertionError(
            f"le pas à pas devait montrer l'étape {number}/{total}, il montre « {heading.inner_text()} »"
        ) from None


def _check_at(page, mode: Mode, walkthrough, step, number: int, target) -> None:
    """The same step at ``mode.also_at``, then back to the trainee's own window size."""
    own = page.viewport_size
    total = len(walkthrough.shown_steps())
    page.set_viewport_size(mode.also_at)
    try:
        _expect_panel(page, number, total)
        if target is not None:
            _expect_guidance(target)
            _expect_clear_of_the_panel(target)
        if mode.inspect is not None:
            mode.inspect(page, walkthrough, step, number)
    finally:
        page.set_viewport_size(own)
    _expect_panel(page, number, total)  # the panel docked again, the element revealed


def _expect_clear_of_the_panel(target) -> None:
    """The outlined element is not under the panel: the trainee can see and reach it."""
    target.scroll_into_view_if_needed()
    clear = target.evaluate(
        """el => { const box = el.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return !hit || !hit.closest('[data-testid="guided-panel"]'); }"""
    )
    if not clear:
        raise AssertionError("le panneau du pas à pas cache l'élément entouré")


def _expect_guidance(target) -> None:
    """Guided mode outlines this step's very element (the panel refreshes within seconds)."""
    target.element_handle().wait_for_element_state("visible")
    target.page.wait_for_function(
        "el => el.getAttribute('data-guided') === '1'", arg=target.element_handle(), timeout=15_000
    )


def _read(page, how, resolve) -> str:
    element = locate.element(page, how.target, resolve)
    text = element.get_attribute(how.attribute) if how.attribute else element.inner_text()
    text = text or ""
    if how.pattern:
        found = re.search(how.pattern, text)
        if not found:
            raise ValueError(f"rien ne correspond à {how.pattern!r} dans {text[:80]!r}")
        # the groups joined: « (\d{3}) (\d{3}) » reads a code shown as two groups of digits
        text = "".join(g or "" for g in found.groups()) if found.groups() else found.group(0)
    return text.strip()


def write_snippet(walkthrough: Walkthrough, out: Path) -> Path:
    """The numbered step text the guide includes; image paths relative to docs/."""
    lines = [
        f"<!-- Généré par « python -m walkthroughs {walkthrough.slug} » : ne pas modifier à la main. -->",
        "",
    ]
    for number, step in enumerate(walkthrough.shown_steps(), start=1):
        caption = " ".join(step.caption.split())
        lines.append(f'{number}. <span id="{walkthrough.anchor(step)}"></span>{caption}')
        if step.screenshot:
            image = walkthrough.image_name(number, step)
            width = framing.css_width(out / image)
            lines += [
                "",
                f"    ![Étape {number} : {_alt(caption)}](captures/{walkthrough.slug}/{image})"
                f'{{ width="{width}" loading=lazy }}',
                "",
            ]
    path = out / "etapes.md"
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path


def _alt(caption: str) -> str:
    return re.sub(r"[*_`\[\]]", "", caption)[:120]
