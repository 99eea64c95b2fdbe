"""Recorded events → page visits, per tab: what the steps are cut from.

A hand-written step is one page of one tab: what is done there and the click that leaves it.
The tabs' events come interleaved (ordered by time), so each event is first given its visit —
one page shown in one tab, from its load to that tab's next page — and whether the page was
reached by a recorded click (the step before leads there) or opened (the step needs a
``goto``). A code typed in the portal may have been read before « Enregistrer »: its screen
was never recorded, so it is added here, the way a reader would reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import tabs
from ..events import Details, RecordedEvent, Source


@dataclass
class Visit:
    """One page shown in one tab, from its load to the next page of that tab."""

    tab: str
    path: str
    heading: str = ""
    opened: bool = False  # reached by typing or a sandbox link, not by a recorded click: `goto`
    click_path: str | None = None  # the path of the click that led here
    remember: dict = field(default_factory=dict)  # codes read here: {name: model.Remember fields}
    pending: list[RecordedEvent] = field(default_factory=list)  # done here, not in a step yet
    steps: int = 0


def screen_of(source: Source) -> tuple[str, Callable[[str], bool]]:
    """The tab that showed a code, and which of its pages show it (a mail: that message)."""
    tab = tabs.BY_CODES[source.kind]
    if source.kind == "mail":
        wanted = f"{tab.path}/message/{source.id}"
        return tab.key, lambda path: path == wanted
    return tab.key, lambda path: path.startswith(tab.path)


def with_unrecorded_screens(events: list[RecordedEvent]) -> list[RecordedEvent]:
    """A code typed without its screen recorded (read before « Enregistrer »): add that screen."""
    out: list[RecordedEvent] = []
    for event in events:
        source = event.data.source
        if event.kind == "fill" and source:
            tab, on_screen = screen_of(source)
            if not any(e.kind == "page" and on_screen(e.path) for e in out):
                out += _way_to(tab, source, event.at - 0.003)
        out.append(event)
    return out


def _way_to(tab: str, source: Source, at: float) -> list[RecordedEvent]:
    """The pages a reader goes through to see the code: a mail opened from the list by its
    subject, or the tool's home (the SMS list, the authenticator's entries)."""
    home = f"{tabs.BY_KEY[tab].path}/"
    if source.kind != "mail":
        return [RecordedEvent(kind="page", tab=tab, path=home, at=at)]
    opening = Details(role="link", name=source.subject, exact=False)
    return [
        RecordedEvent(kind="page", tab=tab, path=home, at=at),
        RecordedEvent(kind="click", tab=tab, path=home, at=at + 0.001, data=opening),
        RecordedEvent(kind="page", tab=tab, path=f"{home}message/{source.id}", at=at + 0.002),
    ]


def visits(events: list[RecordedEvent]) -> dict[int, Visit]:
    """The visit each event belongs to, by the event's index."""
    current: dict[str, Visit] = {}
    last_kind: dict[str, str] = {}
    last_click_path: dict[str, str] = {}
    owner: dict[int, Visit] = {}
    for index, event in enumerate(events):
        tab, path, kind = event.tab, event.path, event.kind
        visit = current.get(tab)
        if kind == "page" or visit is None or visit.path != path:
            came_by_click = last_kind.get(tab) == "click"
            visit = Visit(
                tab,
                path,
                heading=event.data.heading if kind == "page" else "",
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
