"""The sandbox's own forms, with French messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..domain.faults import SWITCHES, Faults, Switch
from ..web.forms import int_between

REQUIRED = "Ce champ est obligatoire."


class RuleForm(FlaskForm):
    sender_contains = StringField(
        "Si l'expéditeur contient",
        validators=[
            DataRequired(REQUIRED),
            Length(max=120, message="120 caractères au plus."),
            Regexp(
                r"^[\w.@+\- ]+\Z",
                message="Saisissez une partie de l'adresse de l'expéditeur : lettres, chiffres et . @ - _ + seulement.",
            ),
        ],
    )
    folder = SelectField(
        "Déplacer vers",
        choices=[
            SelectChoice("spam", "Courrier indésirable"),
            SelectChoice("inbox", "Boîte de réception"),
        ],
        validate_choice=True,
    )


class AddByUriForm(FlaskForm):
    uri = StringField(
        "Contenu du code QR (otpauth://…)", validators=[DataRequired(REQUIRED), Length(max=2048)]
    )


class AddByKeyForm(FlaskForm):
    issuer = StringField(
        "Nom du service",
        validators=[DataRequired(REQUIRED), Length(max=80, message="80 caractères au plus.")],
    )
    account_name = StringField(
        "Compte", validators=[Optional(), Length(max=120, message="120 caractères au plus.")]
    )
    secret = StringField(
        "Clé", validators=[DataRequired(REQUIRED), Length(max=160, message="Clé trop longue.")]
    )


class AddByImageForm(FlaskForm):
    image = FileField("Image du code QR")


class FaultsForm(FlaskForm):
    """The « Incidents » switches, one field per switch of domain.faults, in its order."""

    def faults(self) -> Faults:
        return Faults(**{s.name: self[s.name].data or s.default for s in SWITCHES})


def _switch_field(switch: Switch):
    if not switch.is_amount:
        return BooleanField(switch.label)
    return IntegerField(
        switch.label,
        default=switch.default,
        validators=[
            Optional(),
            int_between(0, switch.maximum, f"Entre 0 et {switch.maximum} {switch.unit}."),
        ],
        render_kw={"min": 0, "max": switch.maximum},
    )


for _switch in SWITCHES:
    setattr(FaultsForm, _switch.name, _switch_field(_switch))
