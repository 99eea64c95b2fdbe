from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from ..services.classes import MAX_TRAINEES
from ..web.forms import int_between


class LoginForm(FlaskForm):
    password = PasswordField(
        "Mot de passe formateur",
        id="instructor-password",
        validators=[DataRequired("Saisissez le mot de passe formateur."), Length(max=200)],
    )


class ClassForm(FlaskForm):
    name = StringField(
        "Nom de la séance",
        id="class-name",
        validators=[
            DataRequired("Donnez un nom à la séance."),
            Length(max=80, message="80 caractères au plus."),
        ],
    )
    size = IntegerField(
        "Nombre de stagiaires",
        id="class-size",
        default=12,
        validators=[
            InputRequired("Indiquez un nombre de stagiaires."),
            int_between(1, MAX_TRAINEES, f"Entre 1 et {MAX_TRAINEES} stagiaires."),
        ],
    )


class StuckForm(FlaskForm):
    minutes = IntegerField(
        "Minutes sur une même étape avant « bloqué »",
        id="stuck-minutes",
        validators=[
            InputRequired("Indiquez un nombre de minutes."),
            int_between(1, 120, "Entre 1 et 120 minutes."),
        ],
    )


class CloseForm(FlaskForm):
    exported = BooleanField(
        "J'ai téléchargé l'export de la séance (CSV ou JSON)",
        id="close-exported",
        validators=[DataRequired("Téléchargez d'abord l'export, puis cochez cette case.")],
    )
