"""``python -m simulator lti`` prints what the Moodle administrator needs; keys rotate."""

from __future__ import annotations

from simulator import __main__ as cli
from simulator.lti import keys


def test_lti_command_prints_the_url_jwks_and_fingerprint(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("SIM_SECRET_KEY", "secret")
    monkeypatch.setenv("SIM_INSTRUCTOR_PASSWORD", "x")
    monkeypatch.setenv("SIM_PUBLIC_URL", "http://10.0.0.5:5000")
    monkeypatch.setattr("simulator._instance_path", lambda: tmp_path)
    assert cli.main(["lti"]) == 0
    out = capsys.readouterr().out
    assert "http://10.0.0.5:5000/lti/inscription?cle=" in out
    assert "http://10.0.0.5:5000/lti/jwks" in out
    key = keys.current(tmp_path / "lti")
    assert key.fingerprint in out and "Nouvelle fenêtre" in out


def test_rotation_serves_both_keys_then_retires_the_old(tmp_path):
    old = keys.current(tmp_path)
    new = keys.rotate(tmp_path)
    assert [k["kid"] for k in keys.jwks(tmp_path)["keys"]] == [new.kid, old.kid]
    assert keys.retire_previous(tmp_path)
    assert [k["kid"] for k in keys.jwks(tmp_path)["keys"]] == [new.kid]
    assert (tmp_path / "current.pem").stat().st_mode & 0o777 == 0o600
