"""PIGP forms, with the messages a French portal gives."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

REQUIRED = "Ce champ est obligatoire."


class LoginForm(FlaskForm):
    username = StringField("Identifiant", validators=[DataRequired(REQUIRED), Length(max=120, message="Identifiant trop long.")])
    password = PasswordField("Mot de passe", validators=[DataRequired(REQUIRED), Length(max=200, message="Mot de passe trop long.")])


class CodeForm(FlaskForm):
    code = StringField("Code à 6 chiffres", validators=[DataRequired("Saisissez le code à 6 chiffres reçu par courriel.")])


class PixtForm(FlaskForm):
    username = StringField("Identifiant", validators=[DataRequired(REQUIRED), Length(max=120)])
    current = PasswordField("Mot de passe actuel", validators=[DataRequired(REQUIRED), Length(max=200)])
    new = PasswordField("Nouveau mot de passe", validators=[DataRequired(REQUIRED), Length(max=200, message="128 caractères au plus.")])
    confirm = PasswordField(
        "Confirmation du nouveau mot de passe",
        validators=[DataRequired(REQUIRED), EqualTo("new", message="Les deux mots de passe ne sont pas identiques.")],
    )
