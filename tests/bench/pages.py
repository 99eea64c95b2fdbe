"""Server time of the pages that grow with a class or a mailbox, in process (one thread, so
the figure is the server's own work: wall time and CPU time, SQL queries counted)."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event

from simulator import create_app
from simulator.services import classes
from simulator.store import Message
from tests.conftest import make_test_config
from tests.helpers import Browser, csrf_from


def _timed(client, url: str, statements: list, repeat: int = 15) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``GET url``, and its SQL statements."""
    walls, cpus = [], []
    client.get(url)  # templates compiled, caches warm: a polled page's steady state
    for _ in range(repeat):
        statements.clear()
        wall, cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        cpus.append(time.thread_time() - cpu)
        walls.append(time.perf_counter() - wall)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(walls), statistics.median(cpus), len(statements)


def measure() -> dict[str, tuple[float, float, int]]:
    app = create_app(
        make_test_config(Path(tempfile.mkdtemp(prefix="bench-pages-")), INSTRUCTOR_PASSWORD="banc")
    )
    database = app.extensions["sim.db"]
    statements: list[str] = []
    event.listen(
        database.engine, "before_cursor_execute", lambda _c, _k, sql, *_a: statements.append(sql)
    )
    now = app.extensions["sim.wall_clock"].now()
    results = {}

    teacher = app.test_client()
    token = csrf_from(teacher.get("/formateur/connexion").get_data(as_text=True))
    teacher.post("/formateur/connexion", data={"password": "banc", "csrf_token": token})
    for size in (30, 200):
        with app.app_context(), database.session() as db:
            room = classes.create(db, f"Banc de {size}", size, now, "pbkdf2:sha256:1000")
            room_id = room.id
        results[f"table {size}"] = _timed(
            teacher, f"/formateur/classes/{room_id}/progression.json", statements
        )
        results[f"page {size}"] = _timed(teacher, f"/formateur/classes/{room_id}", statements)

    for count in (10, 1000):
        web = Browser(app.test_client()).open_sandbox()
        sandbox_id = web.state()["id"]
        with database.session() as db:
            for number in range(count):
                at = now - timedelta(minutes=count - number)
                for channel in ("mail", "sms"):
                    db.add(
                        Message(
                            sandbox_id=sandbox_id,
                            channel=channel,
                            portal="pigp",
                            kind="k",
                            sender="banc@exemple.test",
                            recipient="r",
                            subject=f"Message {number}",
                            body="Votre code : 123456",
                            created_at=at,
                            deliver_at=at,
                            folder="inbox",
                        )
                    )
        results[f"mailbox {count}"] = _timed(web, "/messagerie/", statements)
        results[f"phone {count}"] = _timed(web, "/telephone/", statements)
    database.dispose()
    return results
