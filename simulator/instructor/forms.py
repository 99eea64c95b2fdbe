from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, StringField
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
