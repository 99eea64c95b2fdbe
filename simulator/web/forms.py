"""Every form speaks French, WTForms' own messages included (« Not a valid integer »…).

WTForms ships French translations; Flask-WTF would only use them through Flask-Babel, which
this project does not need. So its i18n hook is turned off and WTForms' own locale setting
is given to every FlaskForm, once, at start-up.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm


def init_app(app: Flask) -> None:
    app.config["WTF_I18N_ENABLED"] = False
    FlaskForm.Meta.locales = ("fr_FR", "fr")
