"""PIGP forms, with the messages a French portal gives."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ...web.forms import chosen_password, password_confirmation

REQUIRED = "Ce champ est obligatoire."


class LoginForm(FlaskForm):
    username = StringField(
        "Identifiant",
        validators=[DataRequired(REQUIRED), Length(max=120, message="Identifiant trop long.")],
    )
    password = PasswordField(
        "Mot de passe",
        validators=[DataRequired(REQUIRED), Length(max=200, message="Mot de passe trop long.")],
    )


class CodeForm(FlaskForm):
    code = StringField(
        "Code à 6 chiffres",
        validators=[DataRequired("Saisissez le code à 6 chiffres reçu par courriel.")],
    )


class PixtForm(FlaskForm):
    username = StringField("Identifiant", validators=[DataRequired(REQUIRED), Length(max=120)])
    current = PasswordField(
        "Mot de passe actuel", validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    new = chosen_password("Nouveau mot de passe")
    confirm = password_confirmation("Confirmation du nouveau mot de passe", "new")
