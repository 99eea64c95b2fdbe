"""Record mode: what a tab reports is checked and made safe here, before anything is stored.

A typed value the sandbox knows (an identifier, a password, the trainee's address) is kept
only as its placeholder (``{accounts.pigp.password}``); a code the sandbox showed (a mail, an
SMS, the authenticator) is kept only as where it came from; a password that matches nothing
is dropped with a note to the writer — so a recording never holds a password in clear, and
holds nothing a page of this sandbox did not show or ask for.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from pydantic import ValidationError
from sqlalchemy import func, select

from ..domain import totp
from ..domain.paths import local_path
from ..procedures.events import ACTIONS, BATCH, MAX_BATCH, Action
from ..store.models import AuthenticatorEntry, Recording, RecordingEvent
from . import messages

MAX_EVENTS = 1000  # a recording is a procedure, not a session log
# Pages that are the recorder's or the guide's own, never steps of a procedure.
_NOT_RECORDED = ("/enregistrer", "/pas-a-pas", "/guide", "/_sim", "/static")


class BadEvents(ValueError):
    pass


def active(context) -> Recording | None:
    return context.db.scalars(
        select(Recording)
        .where(Recording.sandbox_id == context.sandbox.id, Recording.status == "recording")
        .order_by(Recording.id.desc())
    ).first()


def drafts_in_review(context) -> list[Recording]:
    """This sandbox's finished recordings waiting for review, the newest first."""
    return (
        context.db.query(Recording)
        .filter_by(sandbox_id=context.sandbox.id, status="review")
        .order_by(Recording.id.desc())
        .all()
    )


def start(context, title: str, portal: str) -> Recording:
    """A new recording under way in this sandbox (one at a time: the caller checks ``active``)."""
    recording = Recording(
        sandbox_id=context.sandbox.id,
        title=title,
        portal=portal,
        status="recording",
        created_at=context.now(),
        draft={},
    )
    context.db.add(recording)
    return recording


def discard(context, recording: Recording) -> None:
    """« Annuler »: the recording and its events go, nothing is kept."""
    context.db.delete(recording)


def owned(context, recording_id: int) -> Recording | None:
    """This sandbox's recording, or None (another sandbox's answers 404, like a missing one)."""
    recording = context.db.get(Recording, recording_id)
    return (
        recording if recording is not None and recording.sandbox_id == context.sandbox.id else None
    )


def events_of(context, recording: Recording) -> list[dict]:
    rows = context.db.scalars(
        select(RecordingEvent)
        .where(RecordingEvent.recording_id == recording.id)
        .order_by(RecordingEvent.at_ms, RecordingEvent.id)
    ).all()
    return [
        {"kind": r.kind, "tab": r.tab, "path": r.path, "at": r.at_ms, "data": dict(r.data or {})}
        for r in rows
    ]


def action_count(context, recording: Recording) -> int:
    """The actions stored so far, this request's own included (they are flushed first)."""
    context.db.flush()
    return (
        context.db.scalar(
            select(func.count())
            .select_from(RecordingEvent)
            .where(RecordingEvent.recording_id == recording.id, RecordingEvent.kind.in_(ACTIONS))
        )
        or 0
    )


def known_values(values: dict, portal: str) -> list[tuple[str, str]]:
    """(text, placeholder) the sandbox knows, the recording's own portal first, longest first."""
    pairs = []
    accounts = values.get("accounts", {})
    for key in sorted(accounts, key=lambda k: k != portal):
        for field in ("username", "password"):
            pairs.append((str(accounts[key][field]), f"{{accounts.{key}.{field}}}"))
    for field in ("email", "masked_email", "mobile", "mobile_national", "full_name"):
        if values.get("person", {}).get(field):
            pairs.append((str(values["person"][field]), f"{{person.{field}}}"))
    return pairs


def _squash(text) -> str:
    return " ".join(str(text or "").replace("\u00a0", " ").replace("\u202f", " ").split())


def as_placeholder(value: str, known: list[tuple[str, str]]) -> str | None:
    """The placeholder of a typed value, when the whole value is something the sandbox knows."""
    typed = _squash(value)
    compact = typed.replace(" ", "").replace(".", "")
    for text, placeholder in known:
        if typed == _squash(text) or (
            compact and compact == text.replace(" ", "").replace(".", "")
        ):
            return placeholder
    return None


def in_words(text: str, known: list[tuple[str, str]]) -> str:
    """A label or name with the trainee's own values written as placeholders (never passwords)."""
    out = _squash(text)
    for value, placeholder in sorted(known, key=lambda p: -len(p[0])):
        if "password" not in placeholder and len(value) >= 5:
            out = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", placeholder, out)
    return out


def code_source(context, typed: str) -> dict | None:
    """Where a typed code was shown: a delivered mail or SMS of this sandbox, or its authenticator."""
    compact = re.sub(r"\s", "", typed or "")
    if not re.fullmatch(r"\d{4,10}", compact):
        return None
    alone = re.compile(rf"(?<!\d){compact}(?!\d)")
    for channel in ("mail", "sms"):
        for message in messages.delivered(context, channel):
            found = alone.search(message.body or "")
            if found:
                source = {"kind": channel, "id": message.id, "length": len(compact)}
                if channel == "mail":
                    source["subject"] = message.subject
                else:
                    words = (message.body[: found.start()]).split()[-6:]
                    source["prefix"] = " ".join(words).rstrip(" :")
                return source
    now = context.wall_now()
    entries = context.db.scalars(
        select(AuthenticatorEntry)
        .where(AuthenticatorEntry.sandbox_id == context.sandbox.id)
        .order_by(AuthenticatorEntry.id)
    ).all()
    for entry in entries:
        if compact in {
            totp.code_at(entry.secret, now + timedelta(seconds=30 * k)) for k in (0, -1, 1, -2)
        }:
            return {"kind": "totp", "issuer": entry.issuer, "length": len(compact)}
    return None


def _subject_of(context, name: str) -> str | None:
    """A mail's link is named « sender subject date »: the subject alone stays the same."""
    for message in messages.delivered(context, "mail"):
        if message.subject and message.subject in name and message.subject != name:
            return message.subject
    return None


def parse_batch(raw: str | None) -> list[Action]:
    """The reports of a batch, checked against the one declaration of their shape."""
    try:
        batch = json.loads(raw or "")
    except (TypeError, ValueError):
        raise BadEvents("json") from None
    if not isinstance(batch, list) or len(batch) > MAX_BATCH:
        raise BadEvents("list")
    try:
        return BATCH.validate_python(batch)
    except ValidationError:
        raise BadEvents("event") from None


def record(context, recording: Recording, batch: list[Action], values: dict) -> int:
    """Store the meaningful, safe part of a batch of actions; returns how many were kept."""
    known = known_values(values, recording.portal)
    seen = _stored_ids(context, recording)
    room = MAX_EVENTS - len(seen)
    kept = 0
    for item in batch:
        kind, tab, client_id, at = item.kind, item.tab, item.id, item.t
        path = local_path(item.path)
        if path is None:
            raise BadEvents("event")
        path = path.split("?")[0].split("#")[0]
        if client_id in seen or path.startswith(_NOT_RECORDED) or room <= 0:
            continue
        data, note = _data(context, kind, item, path, known)
        for what, content in ((kind, data), ("note", {"text": note} if note else None)):
            if content is None:
                continue
            _add_once(
                context.db,
                recording_id=recording.id,
                client_id=client_id if what == kind else client_id[:36] + "-n",
                at_ms=float(at),
                tab=tab,
                path=path,
                kind=what,
                data=content,
            )
        seen.add(client_id)
        room -= 1
        kept += data is not None
    return kept


def _stored_ids(context, recording: Recording) -> set[str]:
    return set(
        context.db.scalars(
            select(RecordingEvent.client_id).where(RecordingEvent.recording_id == recording.id)
        )
    )


def _add_once(db, **row) -> None:
    """One event, unless the same report already stored it: a page's report comes by beacon
    and again with « Terminer », and the two requests can run at once (on a busy machine the
    second one's insert failed the unique (recording, client id) and « Terminer » answered
    500). The database says which came first."""
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - the two databases the project runs on
        db.add(RecordingEvent(**row))
        return
    db.execute(
        insert(RecordingEvent)
        .values(**row)
        .on_conflict_do_nothing(index_elements=["recording_id", "client_id"])
    )


def _data(context, kind: str, item: Action, path: str, known) -> tuple[dict | None, str | None]:
    """What is kept of one action, and a note to the writer when something was left out."""
    if kind == "page":
        return {"heading": in_words(item.heading, known)}, None
    if kind == "click":
        role, name = item.role, _squash(item.name)
        if role not in ("button", "link") or not name:
            return None, None
        subject = _subject_of(context, name) if role == "link" else None
        return (
            {"role": role, "name": in_words(subject, known), "exact": False}
            if subject
            else {"role": role, "name": in_words(name, known)}
        ), None
    label = in_words(item.label, known)
    if not label:
        return (
            None,
            f"Sur {path}, un champ sans étiquette a été utilisé : il ne peut pas être rejoué, il n'a pas été enregistré.",
        )
    if kind == "check":
        role = item.role if item.role in ("checkbox", "radio") else "checkbox"
        return {"label": label, "role": role, "checked": item.checked}, None
    if kind == "select":
        return {"label": label, "option": in_words(item.option, known)}, None
    typed = item.value
    placeholder = as_placeholder(typed, known)
    if placeholder:
        return {"label": label, "value": placeholder}, None
    source = code_source(context, typed)
    if source:
        return {"label": label, "value": "{vars.code}", "source": source}, None
    if item.secret:
        return None, (
            f"Le mot de passe saisi dans « {label} » ({path}) ne correspond à aucun mot de passe du bac à"
            " sable : il n'a pas été enregistré. Saisissez celui de la page d'accueil du bac à sable."
        )
    return {"label": label, "value": in_words(typed, known)}, None


__all__ = [
    "BadEvents",
    "MAX_EVENTS",
    "active",
    "action_count",
    "as_placeholder",
    "code_source",
    "discard",
    "drafts_in_review",
    "events_of",
    "known_values",
    "owned",
    "parse_batch",
    "record",
    "start",
]
