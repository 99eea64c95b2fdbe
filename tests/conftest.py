"""Fixtures shared by every test: an application on a temporary database with a frozen
clock, a browser-like client, and for Playwright a live server in a thread."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime

import pytest
from werkzeug.serving import make_server

from simulator import create_app
from simulator.config import DEFAULT_FROZEN_TIME
from simulator.domain.clock import FrozenClock
from walkthroughs.browser import CONTEXT_ARGS, launch_args

from . import portals
from .helpers import INSTRUCTOR_PASSWORD, Browser, Instructor

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
E2E_INSTRUCTOR_PASSWORD = "formateur-e2e"


def pytest_report_header(config):
    """Once, in French: which renderer drew the committed captures, which one checks them."""
    from pathlib import Path

    from walkthroughs import environment

    captures = Path(__file__).resolve().parent.parent / "docs" / "captures"
    return environment.sentence(environment.read(captures), environment.current())


_TEMPLATE: list = []


def _migrated_copy(path):
    """A database at the migrations' head, copied from one migrated once per test run: the
    tests use the real migrations without paying for them in every test."""
    if not _TEMPLATE:
        import tempfile

        from sqlalchemy import create_engine

        from simulator.store.migrate import upgrade

        template = os.path.join(tempfile.mkdtemp(prefix="sim-template-"), "template.sqlite")
        engine = create_engine(f"sqlite:///{template}")
        upgrade(engine)
        engine.dispose()
        _TEMPLATE.append(template)
    if not path.exists():
        shutil.copyfile(_TEMPLATE[0], path)
    return path


def make_test_config(tmp_path, **extra) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{_migrated_copy(tmp_path / 'test.sqlite')}",
        "SECRET_KEY": "clé de test",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SIM_FROZEN_TIME": FrozenClock(datetime.fromisoformat(DEFAULT_FROZEN_TIME)),
        "SIM_SHEETS_DIR": str(tmp_path / "fiches"),  # record mode's sheets (services/replays.py)
        **extra,
    }


@pytest.fixture
def app_config() -> dict:
    """Extra configuration of ``app``; a test module overrides this fixture (the instructor's
    password for the class tests)."""
    return {}


@pytest.fixture
def app(tmp_path, app_config):
    application = create_app(make_test_config(tmp_path, **app_config))
    yield application
    application.extensions["sim.db"].dispose()


@pytest.fixture
def wall(app) -> FrozenClock:
    """The frozen wall clock: move it to make authenticator codes change."""
    return app.extensions["sim.wall_clock"]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def browser_client(client) -> Browser:
    """A client that has opened its sandbox (home page visited)."""
    web = Browser(client).open_sandbox()
    assert client.get("/").status_code == 200
    return web


# One trainee's browser seen from each portal, with its login (the tutorial's ``auth``).


@pytest.fixture
def pigp(browser_client) -> portals.Pigp:
    return portals.Pigp.of(browser_client)


@pytest.fixture
def karbon(browser_client) -> portals.Karbon:
    return portals.Karbon.of(browser_client)


@pytest.fixture
def onegov(browser_client) -> portals.OneGov:
    return portals.OneGov.of(browser_client)


@pytest.fixture
def eulogin(browser_client) -> portals.EuLogin:
    return portals.EuLogin.of(browser_client)


@pytest.fixture
def cerbere(browser_client) -> portals.Cerbere:
    return portals.Cerbere.of(browser_client)


@pytest.fixture
def other_browser(app) -> Browser:
    """A second trainee on the same server."""
    return Browser(app.test_client()).open_sandbox()


@pytest.fixture
def instructor(app) -> Instructor:
    """The trainer, logged in (the app's ``app_config`` gives the instructor password)."""
    teacher = Instructor(app.test_client())
    assert teacher.login().status_code == 302
    return teacher


@pytest.fixture
def instructor_config() -> dict:
    return {"INSTRUCTOR_PASSWORD": INSTRUCTOR_PASSWORD}


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# Playwright ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The simulator in a thread, in test mode, so tests share its clock and database."""
    tmp = tmp_path_factory.mktemp("live")
    application = create_app(make_test_config(tmp, INSTRUCTOR_PASSWORD=E2E_INSTRUCTOR_PASSWORD))
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = application
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    application.extensions["sim.db"].dispose()


@pytest.fixture
def page(page):
    """Playwright's page with its sandbox opened by « Commencer », as a trainee would."""
    page.goto("/")
    page.get_by_role("button", name="Commencer").click()
    page.wait_for_url("**/")
    return page


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        **CONTEXT_ARGS,
    }


@pytest.fixture(scope="session")
def walkthrough_server():
    """The simulator in walkthrough mode (seeded guide persona, frozen clock), once per test
    process: the capture, accessibility and record-mode replays share it (pytest-xdist gives
    each worker its own)."""
    from walkthroughs.runner import SimulatorServer

    with SimulatorServer() as server:
        yield server


@pytest.fixture(scope="session")
def axe():
    """axe-core in French with the WCAG A and AA rules, read once per test process."""
    from walkthroughs.audit import Axe

    return Axe()
