"""A database that cannot be used gets one French line saying what to check, never a
traceback: unreachable server, missing driver, missing database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.postgres import TemporaryPostgres


def _upgrade(url: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "SIM_DATABASE_URL": url,
        "SIM_INSTRUCTOR_PASSWORD": "x",
        "SIM_SECRET_KEY": "k",
    }
    return subprocess.run(
        [sys.executable, "-m", "simulator", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (
            "postgresql+psycopg://simulateur:secret@127.0.0.1:1/simulateur",
            "injoignable (127.0.0.1:1)",
        ),
        ("postgresql+pg8000://simulateur@127.0.0.1/simulateur", "Pilote de base de données absent"),
    ],
)
def test_one_french_line_and_no_traceback(tmp_path, url, says):
    result = _upgrade(url, tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert says in result.stderr
    assert "secret" not in result.stderr


def test_a_missing_postgresql_database(tmp_path):
    server = TemporaryPostgres()
    try:
        url = server.start().replace("/simulateur?", "/absente?")
        result = _upgrade(url, tmp_path)
    finally:
        server.stop()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "La base « absente » n'existe pas" in result.stderr
