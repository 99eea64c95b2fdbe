"""PIGP forms, with the messages a French portal gives."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ...web.forms import (
    REQUIRED,
    chosen_password,
    identifier,
    password_confirmation,
    typed_password,
)


class LoginForm(FlaskForm):
    username = identifier()
    password = typed_password()


class CodeForm(FlaskForm):
    code = StringField(
        "Code à 6 chiffres",
        validators=[DataRequired("Saisissez le code à 6 chiffres reçu par courriel.")],
    )


class PixtForm(FlaskForm):
    username = StringField("Identifiant", validators=[DataRequired(REQUIRED), Length(max=120)])
    current = typed_password("Mot de passe actuel")
    new = chosen_password("Nouveau mot de passe")
    confirm = password_confirmation("Confirmation du nouveau mot de passe", "new")
