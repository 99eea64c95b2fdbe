"""Karbon forms, with French messages. Code checks themselves belong to the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Length

from ...web.forms import REQUIRED, chosen_password, password_confirmation, typed_password


class LoginForm(FlaskForm):
    username = EmailField(
        "Nom d'utilisateur (adresse e-mail)",
        validators=[
            DataRequired(REQUIRED),
            Length(max=160, message="Nom d'utilisateur trop long."),
        ],
    )
    password = typed_password()


class NewPasswordForm(FlaskForm):
    password = chosen_password("Choisissez un mot de passe", id="new-password")
    confirm = password_confirmation("Confirmez le mot de passe", "password", id="confirm-password")


class CodeForm(FlaskForm):
    code = StringField(
        "Code à six chiffres",
        validators=[
            DataRequired("Saisissez le code à six chiffres affiché par votre application."),
            Length(
                max=20,
                message="Le code doit comporter 6 chiffres (de 0 à 9), sans lettres ni symboles.",
            ),
        ],
    )


class RecoveryForm(FlaskForm):
    code = StringField(
        "Code de récupération",
        id="recovery-code",
        validators=[
            DataRequired("Saisissez l'un de vos codes de récupération."),
            Length(
                max=64, message="Un code de récupération compte 16 caractères (4 groupes de 4)."
            ),
        ],
    )


class SavedCodesForm(FlaskForm):
    saved = BooleanField(
        "J'ai enregistré mes codes de récupération en lieu sûr",
        validators=[
            DataRequired("Cochez la case pour confirmer que vous avez enregistré vos codes.")
        ],
    )


class FirmSettingsForm(FlaskForm):
    require_2fa = BooleanField("Exiger la 2FA pour le portail client")
