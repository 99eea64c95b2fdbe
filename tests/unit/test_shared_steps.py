"""The shared login steps are the only writers of the login history, views reach the database
through services, and a portal's settings live in the one generic store, typed by the model
its registry entry declares."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import MappingProxyType

import pytest
from pydantic import BaseModel, ValidationError

from simulator.domain import registry
from simulator.services import portal_settings, sandboxes
from simulator.services.context import SandboxContext

SIMULATOR = Path(__file__).resolve().parents[2] / "simulator"


def _sources(*folders: str) -> dict[str, str]:
    return {
        str(p.relative_to(SIMULATOR)): p.read_text()
        for folder in folders
        for p in (SIMULATOR / folder).rglob("*.py")
    }


def test_no_portal_writes_the_login_history_itself():
    writers = [
        path for path, text in _sources("portals", "web").items() if "logins.record(" in text
    ]
    assert writers == ["web/attempts.py"]


def test_views_reach_the_database_only_through_services():
    direct = re.compile(r"\.db\.(get|scalars?|execute|add|delete|query|flush)\(")
    views = _sources("portals", "sandbox", "instructor", "web")
    found = [path for path, text in views.items() if direct.search(text)]
    assert found == []


class Firm(BaseModel):
    requires_2fa: bool = True
    name: str = "Cabinet"


@pytest.fixture
def context(app, wall, monkeypatch):
    portal = dataclasses.replace(registry.BY_KEY["karbon"], settings=Firm)
    monkeypatch.setattr(registry, "BY_KEY", MappingProxyType({**registry.BY_KEY, "karbon": portal}))
    db = app.extensions["sim.db"].sessions()
    with app.app_context():
        sandbox = sandboxes.create(db, wall.now(), seed=7, hash_method="pbkdf2:sha256:1000")
        yield SandboxContext(db=db, sandbox=sandbox, wall=wall, deterministic=True)
    db.close()


def test_a_portal_setting_has_its_default_then_keeps_what_was_changed(context):
    assert portal_settings.read(context, "karbon") == Firm()
    portal_settings.change(context, "karbon", requires_2fa=False)
    context.db.commit()
    assert portal_settings.read(context, "karbon") == Firm(requires_2fa=False)


def test_a_wrong_setting_is_refused_and_nothing_is_saved(context):
    with pytest.raises(ValidationError):
        portal_settings.change(context, "karbon", requires_2fa="peut-être")
    assert portal_settings.read(context, "karbon") == Firm()


def test_a_portal_without_a_settings_model_is_told_where_to_declare_one(context):
    with pytest.raises(KeyError, match="declares no settings"):
        portal_settings.read(context, "pigp")
