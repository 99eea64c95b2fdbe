"""Forms of the BNUM, Cerbère and the PIAG, with French messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, StopValidation

from ...web.forms import identifier, typed_password


class LoginForm(FlaskForm):
    username = identifier()
    password = typed_password()


class CodeForm(FlaskForm):
    code = StringField(
        "Code à 6 chiffres",
        validators=[DataRequired("Saisissez le code à 6 chiffres affiché par votre application.")],
    )


METHODS = {"otp_mel": "OTP Mél"}  # the options Cerbère offers (seed 001 shows this one)


def known_method(_form, field) -> None:
    if field.data not in METHODS:
        raise StopValidation("Choisissez une méthode dans la liste.")


class MethodForm(FlaskForm):
    """A radio list drawn by the template (WTForms' RadioField warns on plain choices)."""

    method = StringField("Méthode", default="otp_mel", validators=[known_method])
