"""Every form speaks French, WTForms' own messages included (« Not a valid integer »…).

WTForms ships French translations; Flask-WTF would only use them through Flask-Babel, which
this project does not need. So its i18n hook is turned off and WTForms' own locale setting
is given to every FlaskForm, once, at start-up.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
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


TYPED_MAX_LENGTH = 200  # longer than any stored password: refused before any hashing


def typed_password(
    label: str = "Mot de passe", required: str = REQUIRED, **kwargs
) -> PasswordField:
    """A password typed to log in or to confirm who one is: whatever its length up to the
    guard, services.passwords says whether it is the account's (in the same time either way)."""
    return PasswordField(
        label,
        validators=[
            DataRequired(required),
            Length(max=TYPED_MAX_LENGTH, message="Mot de passe trop long."),
        ],
        **kwargs,
    )


def identifier(label: str = "Identifiant", *extra, **kwargs) -> StringField:
    """A login identifier: required, 120 characters at most (``extra`` validators after)."""
    return StringField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(max=120, message="Identifiant trop long."),
            *extra,
        ],
        **kwargs,
    )


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
