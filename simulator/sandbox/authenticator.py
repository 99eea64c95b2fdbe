"""The virtual authenticator app: add an account from a QR code or a key, read its codes.

Codes are computed on wall time, like a real phone: moving the sandbox clock does not
change them. A real phone app can scan the same QR codes; this one saves a trainee who has
no smartphone at hand.
"""

from __future__ import annotations

import hashlib
import io

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from flask_wtf import FlaskForm

from ..domain import totp
from ..services import phone_apps, qr
from ..web.context import ctx
from .forms import AddByImageForm, AddByKeyForm, AddByUriForm

bp = Blueprint("authenticator", __name__, url_prefix="/authentificateur")


def _entries(context):
    return phone_apps.entries(context)


def _screen(context) -> dict:
    """What the app shows now: its accounts and codes, and the QR codes the portals display
    (those already added are « détectés », so the trainee sees the scan worked)."""
    now = context.wall_now()
    entries = [(e, totp.code_at(e.secret, now)) for e in _entries(context)]
    known = {e.secret for e, _ in entries}
    shown, detected = [], []
    for index, s in enumerate(qr.shown(context)):
        if totp.parse_uri(s["uri"]).secret in known:
            detected.append(s)
        else:
            shown.append(dict(s, index=index, svg=qr.svg_of(s["uri"], scale=2)))
    return {
        "entries": entries,
        "seconds_left": totp.seconds_left(now),
        "shown": shown,
        "detected": detected,
    }


@bp.get("/")
def home(status: int = 200, **forms):
    context = ctx()
    return render_template(
        "sandbox/authenticator.html",
        **_screen(context),
        scan_form=forms.get("scan_form") or FlaskForm(),
        uri_form=forms.get("uri_form") or AddByUriForm(),
        key_form=forms.get("key_form") or AddByKeyForm(),
        image_form=forms.get("image_form") or AddByImageForm(),
        phone_lost=context.faults.phone_lost,
        live=not context.deterministic,
    ), status


@bp.get("/etat")
def state():
    """The open app page refreshes its codes from here, in place: a key being typed stays."""
    screen = _screen(ctx())
    parts = {"scan_form": FlaskForm(), **screen}
    return jsonify(
        seconds_left=screen["seconds_left"],
        codes={str(e.id): code for e, code in screen["entries"]},
        issuers={str(e.id): e.issuer for e, _ in screen["entries"]},
        entries_html=render_template("sandbox/_authenticator_entries.html", **parts),
        scan_key=hashlib.sha256(
            repr([(s["uri"], s in screen["detected"]) for s in qr.shown(ctx())]).encode()
        ).hexdigest()[:16],
        scan_html=render_template("sandbox/_authenticator_scan.html", **parts),
        detected=[s["issuer"] for s in screen["detected"]],
    )


def _add(entry: totp.OtpAuthEntry):
    if phone_apps.add(ctx(), entry) is None:
        flash("Ce compte est déjà dans l'application.", "info")
        return redirect(url_for(".home"))
    flash(
        f"Compte « {entry.issuer} » ajouté : le code à 6 chiffres s'affiche ci-dessous.", "success"
    )
    return redirect(url_for(".home"))


def _refuse(message: str, **forms):
    flash(message, "error")
    return home(status=400, **forms)


@bp.post("/scanner/<int:index>")
def scan(index: int):
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    shown = qr.shown(ctx())
    if not 0 <= index < len(shown):
        return _refuse("Ce code QR n'est plus à l'écran : rechargez la page du portail.")
    return _add(totp.parse_uri(shown[index]["uri"]))


@bp.post("/coller")
def paste():
    form = AddByUriForm()
    if not form.validate_on_submit():
        return _refuse("Collez le contenu du code QR (il commence par otpauth://).", uri_form=form)
    try:
        return _add(totp.parse_uri(form.uri.data))
    except ValueError as problem:
        return _refuse(str(problem), uri_form=form)


@bp.post("/image")
def image():
    form = AddByImageForm()
    if not form.validate_on_submit() or not form.image.data:
        return _refuse(
            "Choisissez une image (capture d'écran) contenant le code QR.", image_form=form
        )
    text = _decode_qr(form.image.data.read())
    if text is None:
        return _refuse(
            "Aucun code QR lisible dans cette image. Essayez une capture plus nette.",
            image_form=form,
        )
    try:
        return _add(totp.parse_uri(text))
    except ValueError as problem:
        return _refuse(str(problem), image_form=form)


def _decode_qr(data: bytes) -> str | None:
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    found = zxingcpp.read_barcodes(picture.convert("RGB"))
    return found[0].text if found else None


@bp.post("/cle")
def key():
    form = AddByKeyForm()
    if not form.validate_on_submit():
        return _refuse(
            "Indiquez le nom du service et la clé affichée par le portail.", key_form=form
        )
    secret = totp.clean_secret(form.secret.data)
    if secret is None:
        form.secret.errors = [
            "Clé invalide : recopiez les lettres A à Z et chiffres 2 à 7 affichés par le portail."
        ]
        return _refuse("La clé saisie n'est pas valable.", key_form=form)
    return _add(
        totp.OtpAuthEntry(form.issuer.data.strip(), (form.account_name.data or "").strip(), secret)
    )


@bp.post("/<int:entry_id>/supprimer")
def delete(entry_id: int):
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not phone_apps.remove(ctx(), entry_id):
        abort(404)
    flash("Compte retiré de l'application.", "success")
    return redirect(url_for(".home"))
