"""How the replayed trainee acts on a page: with the mouse, or with the keyboard only.

The runner asks its hands to fill, tick, choose and press; ``Mouse`` does what Playwright
does by default, ``Keyboard`` does what a trainee without a mouse does: Tab until the element
has the focus (checking at every stop that the focus can be seen), then types, or presses
Space or Enter. An element Tab never reaches, or a stop without a visible focus indicator, is
a problem named with the step and what had the focus. By default the keyboard notes it and
lets the mouse do that one action, so that one replay reports every keyboard problem of a
procedure (and the steps after it still get audited); ``strict=True`` raises at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .locate import url_path

MAX_TABS = 120
SPACE_ROLES = ("checkbox", "radio", "switch")


class NotByKeyboard(AssertionError):
    pass


class Mouse:
    def begin_step(self, walkthrough, step, number: int) -> None:
        pass

    def fill(self, element, text: str) -> None:
        element.fill(text)

    def check(self, element) -> None:
        element.check()

    def select(self, element, value: str) -> None:
        element.select_option(value)

    def press(self, element, kind: str) -> None:
        element.click()


# At each stop: is the focused element the one we want (or inside it / around it), and can the
# focus be seen (an outline, a box-shadow, on it or on the label/box that shows it)?
_STOP = """(target) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {none: true};
  // the heading a page focuses on arrival (static/a11y.js) is where Tab starts, not a stop
  if (el.matches('main h1[tabindex="-1"]')) return {none: true};
  const describe = e => {
    const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.name || '').trim()
      .replace(/\\s+/g, ' ').slice(0, 60);
    return `<${e.tagName.toLowerCase()}${e.id ? ' id="' + e.id + '"' : ''}> « ${name} »`;
  };
  const shows = e => {
    if (!e) return false;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return outline || shadow;
  };
  const candidates = [el, ...(el.labels ? [...el.labels] : []), el.parentElement];
  const rect = el.getBoundingClientRect();
  const seen = rect.width > 0 && rect.height > 0 || [...(el.labels || [])].some(l => l.getBoundingClientRect().width > 0);
  return {
    reached: el === target || target.contains(el) || el.contains(target) ||
             (el.labels && [...el.labels].includes(target)) ||
             // a group of radios is one Tab stop: the arrows then move the choice
             (target.type === 'radio' && el.type === 'radio' && el.name === target.name && el.form === target.form),
    visible: seen && candidates.some(shows),
    what: describe(el),
    // the element itself, not its words: two « Lancer l'exercice » are two stops
    stop: el.__simStop ??= (window.__simStops = (window.__simStops || 0) + 1),
  };
}"""


@dataclass
class Keyboard:
    """Tab to each element, check the focus shows at every stop, then type or press a key."""

    strict: bool = False
    stops: int = 0
    problems: list[str] = field(default_factory=list)
    _where: str = ""
    _mouse: Mouse = field(default_factory=Mouse)

    def begin_step(self, walkthrough, step, number: int) -> None:
        shown = f"préparation « {step.id} »" if step.prepare else f"étape {number} « {step.id} »"
        self._where = f"{walkthrough.slug}, {shown}"

    def _note(self, element, problem: str) -> None:
        if self.strict:
            raise NotByKeyboard(problem)
        path = url_path(element.page.url)
        self.problems.append(f"{self._where} ({path}) : {problem}")

    def _reach(self, element) -> bool:
        """Tab until the element has the focus; False (noted) when Tab never gets there."""
        page = element.page
        handle = element.element_handle()
        state = page.evaluate(_STOP, handle)
        first_seen = None
        unseen: set[str] = set()
        for _ in range(MAX_TABS):
            if not state.get("none"):
                if not state["visible"] and state["what"] not in unseen:
                    unseen.add(state["what"])
                    self._note(
                        element,
                        f"le focus clavier est invisible sur {state['what']}"
                        " (ni outline ni box-shadow)",
                    )
                if state["reached"]:
                    return True
                if first_seen is None:
                    first_seen = state["stop"]
                elif state["stop"] == first_seen:
                    break  # went round the page
            page.keyboard.press("Tab")
            self.stops += 1
            state = page.evaluate(_STOP, handle)
        self._note(
            element,
            f"la touche Tab n'atteint jamais {_describe(element)} :"
            " elle fait le tour de la page sans s'y arrêter",
        )
        return False

    def fill(self, element, text: str) -> None:
        if not self._reach(element):
            return self._mouse.fill(element, text)
        page = element.page
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.type(text)

    def check(self, element) -> None:
        if not self._reach(element):
            return self._mouse.check(element)
        page = element.page
        if _role(element) == "radio":
            # Tab landed on the group's ticked radio: the arrows go round the group
            for _ in range(
                element.evaluate("el => document.getElementsByName(el.name).length") + 1
            ):
                if element.is_checked():
                    break
                page.keyboard.press("ArrowDown")
        if not element.is_checked():
            page.keyboard.press("Space")
        if not element.is_checked():
            self._note(element, f"la barre d'espace ne coche pas {_describe(element)}")
            self._mouse.check(element)

    def select(self, element, value: str) -> None:
        """A closed list changes with the arrow keys, as a trainee would go down the options."""
        if not self._reach(element):
            return self._mouse.select(element, value)
        page = element.page
        wanted = element.evaluate(
            "(el, v) => [...el.options].findIndex(o => o.value === v || o.label.trim() === v)",
            value,
        )
        for _ in range(element.evaluate("el => el.options.length") + 1):
            index = element.evaluate("el => el.selectedIndex")
            if index == wanted or wanted < 0:
                break
            page.keyboard.press("ArrowDown" if index < wanted else "ArrowUp")
        if wanted < 0 or element.evaluate("el => el.selectedIndex") != wanted:
            self._note(
                element, f"les flèches ne choisissent pas « {value} » dans {_describe(element)}"
            )
            self._mouse.select(element, value)

    def press(self, element, kind: str) -> None:
        """Enter for links and buttons, Space for boxes and switches; the element is focused
        already, so locator.press() only adds Playwright's wait for a navigation it starts."""
        if not self._reach(element):
            return self._mouse.press(element, kind)
        focused = element.page.locator("*:focus")
        key = "Space" if kind in SPACE_ROLES or _role(element) in SPACE_ROLES else "Enter"
        focused.press(key)


def _role(element) -> str:
    return element.evaluate(
        "el => el.getAttribute('role') || (el.type === 'checkbox' ? 'checkbox' : el.type === 'radio' ? 'radio' : '')"
    )


def _describe(element) -> str:
    return element.evaluate(
        """el => `<${el.tagName.toLowerCase()}${el.id ? ' id="' + el.id + '"' : ''}> « ${
          (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60)} »`"""
    )
