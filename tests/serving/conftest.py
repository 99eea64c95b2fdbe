"""``python -m simulator serve`` as a trainer starts it: a real gunicorn in a subprocess, on a
free loopback port, with its own database; the tests meet it as a browser does."""

from __future__ import annotations

import re
import sys

import pytest
import requests

from tests.bench.servers import Server, free_port


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    database = tmp_path_factory.mktemp("served") / "served.sqlite"
    port = free_port()
    env = {
        "SIM_DATABASE_URL": f"sqlite:///{database}",
        "SIM_INSTRUCTOR_PASSWORD": "formateur-servi",
        "SIM_SECRET_KEY": "clé du serveur de test",
        "SIM_WORKERS": "1",
        "SIM_THREADS": "2",
    }
    with Server([sys.executable, "-m", "simulator", "serve", "--port", str(port)], env, port):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def trainee_session(served) -> tuple[requests.Session, str]:
    """A browser's cookies with its sandbox opened by « Commencer », and its CSRF token."""
    web = requests.Session()
    home = web.get(served + "/", timeout=30).text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', home).group(1)
    web.post(served + "/commencer", data={"csrf_token": token}, timeout=30)
    home = web.get(served + "/", timeout=30).text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', home).group(1)
    return web, token
