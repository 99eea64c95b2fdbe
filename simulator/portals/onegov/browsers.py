"""« Chrome sur Linux »: the browser column of the recent logins, from a User-Agent header.

The seed names the browsers the app supports (Chrome, Firefox, Safari) and says it runs on
tablets and smartphones, so the list tells them apart; anything else is « autre navigateur ».
"""

from __future__ import annotations

# Order matters: Edge and Opera say « Chrome » too, Chrome says « Safari ».
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def label(user_agent: str | None) -> str:
    text = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in text), None)
    system = next((name for marker, name in _SYSTEMS if marker in text), None)
    if browser is None:
        return "Autre navigateur" + (f" sur {system}" if system else "")
    return f"{browser} sur {system}" if system else browser
