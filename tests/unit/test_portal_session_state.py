"""A portal session's flow state is a typed model per flow, read and written only by
``services.sessions``: a misspelt key or a wrong value fails there, another step's keys in
the same row are kept, and the rows stored before the models existed read the same."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError

from simulator.portals.cerbere.bnum import BnumLogin, BnumSession
from simulator.portals.cerbere.cerbere_account import AddingMethod
from simulator.portals.cerbere.cerbere_login import CerbereLogin
from simulator.portals.cerbere.common import CerbereSession, PiagSession
from simulator.portals.eulogin.account import AddingPhone
from simulator.portals.eulogin.common import SingleSignOn
from simulator.portals.eulogin.login import EuloginLogin
from simulator.portals.karbon.common import KarbonAccess
from simulator.portals.onegov.login import OnegovLogin
from simulator.portals.pigp.login import PigpLogin
from simulator.services import sessions
from simulator.store import PortalSession
from simulator.web.enrolment_step import EnrolmentState

SIMULATOR = Path(__file__).resolve().parents[2] / "simulator"
THE_SERVICE = "services/sessions.py"
# ``.data`` that is no portal session: a form field's value, a recorded event's own column.
NOT_A_SESSION = {("services/recordings.py", "r")}
# Record mode's drafting reads recorded events' ``data``; it reaches no database at all
# (tests/unit/test_package_direction.py), so no portal session either.
NO_DATABASE = ("procedures/",)


def _data_accesses(root: Path = SIMULATOR) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        name = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr == "data"):
                continue
            base = ast.unparse(node.value)
            if base.startswith("form") or base == "field" or path.name == "forms.py":
                continue
            if name.startswith(NO_DATABASE):
                continue
            if name != THE_SERVICE and (name, base) not in NOT_A_SESSION:
                found.append(f"{name}:{node.lineno} {base}.data")
    return found


def test_only_the_portal_session_service_touches_a_session_s_data():
    assert _data_accesses() == []


def test_the_check_sees_a_session_s_data_anywhere(tmp_path):
    (tmp_path / "portals").mkdir()
    (tmp_path / "portals" / "view.py").write_text("def f(row):\n    return row.data.get('step')\n")
    (tmp_path / "portals" / "forms.py").write_text("def f(field):\n    return field.data\n")
    assert _data_accesses(tmp_path) == ["portals/view.py:2 row.data"]


def _row(**data) -> PortalSession:
    return PortalSession(data=data)


# Rows as the code before the models wrote them: each still reads, key for key.
STORED = [
    (PigpLogin, {"flow": "login", "step": "code", "request_id": "r1", "why": "aucun cookie"}),
    (PigpLogin, {"flow": "login", "step": "abandoned", "request_id": "r1", "why": ""}),
    (EuloginLogin, {"flow": "login", "step": "password", "email": "a@b.test", "service": "traces"}),
    (
        EuloginLogin,
        {
            "flow": "login",
            "step": "sms",
            "request_id": "r",
            "phone": "+33612345678",
            "service": "compte",
        },
    ),
    (SingleSignOn, {"method": "sms", "phone": "+33612345678"}),
    (AddingPhone, {"enrol": {"phone": "+33612345678", "request_id": "r2"}}),
    (CerbereLogin, {"flow": "login", "step": "otp", "service": None}),
    (CerbereSession, {"level": "mot_de_passe", "service": "http://x/piag/connexion"}),
    (CerbereSession, {"level": "2fa", "service": None, "notice": "otp_mel"}),
    (AddingMethod, {"adding": "otp_mel"}),
    (PiagSession, {"cerbere_session": "abc"}),
    (BnumLogin, {"flow": "login", "step": "code", "suite": "/bnum/securite"}),
    (BnumSession, {"notice": "activated"}),
    (KarbonAccess, {"flow": "acces", "step": "password", "invitation": "f00"}),
    (OnegovLogin, {"flow": "login", "step": "otp", "remember": True}),
    (
        EnrolmentState,
        {"pending_secret": "JBSWY3DP", "recovery_codes": ["a", "b"], "downloaded": False},
    ),
]


@pytest.mark.parametrize(
    "model, data", STORED, ids=[f"{m.__name__}-{i}" for i, (m, _) in enumerate(STORED)]
)
def test_a_stored_row_reads_through_its_model_key_for_key(model, data):
    state = sessions.state(_row(**data), model)
    assert state.model_dump(mode="json", exclude_unset=True) == data


def test_a_new_row_stores_only_the_keys_the_flow_gave():
    begun = sessions.new(PigpLogin, flow="login", step="code", request_id="r1", why="w")
    assert sessions.stored(begun) == {
        "flow": "login",
        "step": "code",
        "request_id": "r1",
        "why": "w",
    }
    assert sessions.stored(None) == {}


def test_a_key_the_model_does_not_declare_is_refused_not_dropped():
    row = _row(flow="login", step="code")
    with pytest.raises(ValidationError, match="request\n  Extra inputs are not permitted"):
        sessions.change(row, PigpLogin, request="r1")
    with pytest.raises(ValidationError, match="sevice"):
        sessions.new(EuloginLogin, flow="login", step="password", sevice="traces")
    with pytest.raises(ValidationError, match="levl"):
        CerbereSession(levl="2fa")
    with pytest.raises(TypeError, match="BnumSession declares no notce"):
        sessions.forget(row, BnumSession, "notce")
    assert row.data == {"flow": "login", "step": "code"}


def test_a_wrong_value_fails_and_nothing_is_written():
    row = _row(flow="login", step="otp", remember=False)
    with pytest.raises(ValidationError):
        sessions.change(row, OnegovLogin, remember="peut-être")
    assert row.data == {"flow": "login", "step": "otp", "remember": False}


def test_a_change_keeps_the_keys_of_the_other_steps_in_the_row():
    row = _row(flow="acces", step="setup", invitation="f00", pending_secret="S", gone="old")
    sessions.change(row, KarbonAccess, step="codes")
    sessions.change(row, EnrolmentState, recovery_codes=["a"], downloaded=False)
    assert row.data == {
        "flow": "acces",
        "step": "codes",
        "invitation": "f00",
        "pending_secret": "S",
        "gone": "old",  # a key no model declares any more: read by none, kept
        "recovery_codes": ["a"],
        "downloaded": False,
    }
    assert sessions.state(row, EnrolmentState).pending_secret == "S"
    assert not hasattr(sessions.state(row, KarbonAccess), "pending_secret")


def test_forget_removes_only_the_named_keys_and_the_default_comes_back():
    row = _row(level="2fa", notice="otp_mel", pending_secret="S")
    assert sessions.forget(row, CerbereSession, "notice").notice is None
    assert row.data == {"level": "2fa", "pending_secret": "S"}


def test_a_nested_state_is_stored_as_plain_json():
    row = _row(method="sms")
    sessions.change(row, AddingPhone, enrol={"phone": "+33612345678", "request_id": "r"})
    assert row.data == {"method": "sms", "enrol": {"phone": "+33612345678", "request_id": "r"}}
    assert sessions.state(row, AddingPhone).enrol.request_id == "r"
