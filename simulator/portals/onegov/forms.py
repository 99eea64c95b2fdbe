"""OneGov forms, with the French messages the screens give."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ...web.forms import (
    REQUIRED,
    chosen_password,
    identifier,
    password_confirmation,
    typed_password,
)
from .common import POLICIES

CODE_REQUIRED = "Saisissez le code à 6 chiffres affiché par votre application."


def no_control_characters(_form, field) -> None:
    """A NUL or a line break in an identifier is a paste gone wrong (and PostgreSQL refuses NUL)."""
    if field.data and any(ord(c) < 32 or ord(c) == 127 for c in field.data):
        raise ValidationError(
            "Ce champ contient des caractères non autorisés (retour à la ligne, caractère de contrôle)."
        )


class LoginForm(FlaskForm):
    username = identifier("Identifiant", no_control_characters)
    password = typed_password()
    remember = BooleanField("Rester connecté")


class CodeForm(FlaskForm):
    code = StringField(
        "Mot de passe à usage unique",
        validators=[DataRequired(CODE_REQUIRED), Length(max=64, message="Code trop long.")],
    )


class ConfirmationForm(FlaskForm):
    code = StringField(
        "Code de confirmation",
        id="confirmation-code",
        validators=[DataRequired(CODE_REQUIRED), Length(max=64, message="Code trop long.")],
    )


class ForgotForm(FlaskForm):
    identifier = StringField(
        "Identifiant ou adresse e-mail",
        validators=[
            DataRequired(REQUIRED),
            Length(max=160, message="160 caractères au plus."),
            no_control_characters,
        ],
    )


class NewPasswordForm(FlaskForm):
    new = chosen_password("Nouveau mot de passe")
    confirm = password_confirmation("Confirmation du mot de passe", "new")


class ChangePasswordForm(NewPasswordForm):
    current = typed_password("Mot de passe actuel")


class PolicyForm(FlaskForm):
    # Drawn as a <select> by the template: a plain field avoids the choice API that moves
    # between WTForms versions, and the validator below keeps the three values.
    policy = StringField("Authentification à deux facteurs dans l'organisation")

    def validate_policy(self, field) -> None:
        if field.data not in POLICIES:
            raise ValidationError("Choisissez l'une des trois configurations proposées.")
