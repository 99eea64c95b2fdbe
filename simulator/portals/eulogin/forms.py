"""EU Login and TRACES NT forms, with French messages (never WTForms' English defaults)."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from ...web.forms import chosen_password, password_confirmation, typed_password

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,150}\.[A-Za-z]{2,24}")
PHONE_HINT = (
    "Format international avec l'indicatif du pays, par exemple pour la France : +33 6 39 98 12 34."
)


def _email_shape(_form, field) -> None:
    if not _EMAIL.fullmatch((field.data or "").strip()):
        raise ValidationError(
            "Saisissez une adresse électronique complète, par exemple prenom.nom@collectivite.test."
        )


class EmailForm(FlaskForm):
    email = StringField(
        "Adresse électronique",
        validators=[
            DataRequired("Saisissez votre adresse électronique."),
            Length(max=160, message="Adresse trop longue : 160 caractères au plus."),
            _email_shape,
        ],
    )


class PasswordForm(FlaskForm):
    password = typed_password(required="Saisissez votre mot de passe.")
    method = RadioField("Méthode d'authentification", default="password", validate_choice=False)
    phone = StringField("Téléphone portable", description=PHONE_HINT)


class ChallengeForm(FlaskForm):
    code = StringField(
        'Code "challenge" reçu par SMS',
        validators=[DataRequired("Saisissez le code « challenge » à 6 chiffres reçu par SMS.")],
    )


class AddPhoneForm(FlaskForm):
    phone = StringField("Numéro de téléphone portable", description=PHONE_HINT)


class ChangePasswordForm(FlaskForm):
    current = typed_password("Mot de passe actuel", id="current-password")
    new = chosen_password("Nouveau mot de passe", id="new-password")
    confirm = password_confirmation(
        "Confirmez le nouveau mot de passe", "new", id="confirm-password"
    )


DESTINATIONS = [
    ("BE", "Belgique"),
    ("DE", "Allemagne"),
    ("ES", "Espagne"),
    ("IT", "Italie"),
    ("NL", "Pays-Bas"),
]
GOODS = [
    ("bovins", "Bovins vivants"),
    ("ovins", "Ovins vivants"),
    ("volailles", "Volailles vivantes"),
    ("equides", "Équidés"),
]
CHOICE_FR = "Choisissez une valeur dans la liste."


class CertificateForm(FlaskForm):
    goods = SelectField(
        "Marchandise",
        choices=[SelectChoice(k, v) for k, v in GOODS],
        validate_choice=False,
        validators=[AnyOf([k for k, _ in GOODS], message=CHOICE_FR)],
    )
    destination = SelectField(
        "Pays de destination",
        choices=[SelectChoice(k, v) for k, v in DESTINATIONS],
        validate_choice=False,
        validators=[AnyOf([k for k, _ in DESTINATIONS], message=CHOICE_FR)],
    )
