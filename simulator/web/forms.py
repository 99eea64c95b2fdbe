"""Every form speaks French, WTForms' own messages included (« Not a valid integer »…).

WTForms ships French translations; Flask-WTF would only use them through Flask-Babel, which
this project does not need. So its i18n hook is turned off and WTForms' own locale setting
is given to every FlaskForm, once, at start-up.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..services.passwords import MAX_LENGTH

REQUIRED = "Ce champ est obligatoire."
MISMATCH = "Les deux mots de passe ne sont pas identiques."


def init_app(app: Flask) -> None:
    app.config["WTF_I18N_ENABLED"] = False
    FlaskForm.Meta.locales = ("fr_FR", "fr")


def int_between(low: int, high: int, message: str):
    """NumberRange without its float conversion: « 1 » followed by 400 zeros is out of range,
    not an OverflowError and a 500."""

    def check(_form, field):
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(message)

    return check


def chosen_password(label: str, **kwargs) -> PasswordField:
    """A password the trainee chooses (Karbon activation, OneGov and EU Login changes, PIXT):
    required, and no longer than the policy allows (the policy's other rules are
    services.passwords.strength_problems, checked by the view)."""
    return PasswordField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(max=MAX_LENGTH, message=f"{MAX_LENGTH} caractères au plus."),
        ],
        **kwargs,
    )


def password_confirmation(label: str, of: str, **kwargs) -> PasswordField:
    """The same password typed again, compared with the field named ``of``."""
    return PasswordField(
        label, validators=[DataRequired(REQUIRED), EqualTo(of, message=MISMATCH)], **kwargs
    )
