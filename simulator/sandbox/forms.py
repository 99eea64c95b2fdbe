"""The sandbox's own forms, with French messages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..domain.outbox import Faults
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
        choices=[SelectChoice("spam", "Courrier indésirable"), SelectChoice("inbox", "Boîte de réception")],
        validate_choice=True,
    )


class AddByUriForm(FlaskForm):
    uri = StringField("Contenu du code QR (otpauth://…)", validators=[DataRequired(REQUIRED), Length(max=2048)])


class AddByKeyForm(FlaskForm):
    issuer = StringField("Nom du service", validators=[DataRequired(REQUIRED), Length(max=80, message="80 caractères au plus.")])
    account_name = StringField("Compte", validators=[Optional(), Length(max=120, message="120 caractères au plus.")])
    secret = StringField("Clé", validators=[DataRequired(REQUIRED), Length(max=160, message="Clé trop longue.")])


class AddByImageForm(FlaskForm):
    image = FileField("Image du code QR")


class FaultsForm(FlaskForm):
    mail_to_spam = BooleanField("Les courriels des portails arrivent dans « Courrier indésirable »")
    mail_delay_minutes = IntegerField(
        "Retard des courriels (minutes)",
        default=0,
        validators=[Optional(), int_between(0, 120, "Entre 0 et 120 minutes.")],
    )
    sms_late = BooleanField("SMS en retard (jusqu'à 15 minutes)")
    wrong_address = BooleanField("Adresse de courriel erronée enregistrée au PIGP")
    phone_lost = BooleanField("Téléphone perdu : l'application d'authentification a tout oublié")
    onegov_forbids_2fa = BooleanField("OneGov GED : l'organisation interdit la 2FA")

    def faults(self) -> Faults:
        return Faults(
            mail_to_spam=self.mail_to_spam.data,
            mail_delay_minutes=self.mail_delay_minutes.data or 0,
            sms_late=self.sms_late.data,
            wrong_address=self.wrong_address.data,
            phone_lost=self.phone_lost.data,
            onegov_forbids_2fa=self.onegov_forbids_2fa.data,
        )
