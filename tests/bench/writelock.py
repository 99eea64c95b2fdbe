"""SQLite's write lock timed inside the simulator under load (issue 28: what serialises).

``python -m tests.bench.writelock PORT WORKERS THREADS OUT`` serves the simulator as
``python -m simulator serve`` does, and each worker writes one line per write transaction
to ``OUT.<pid>``: the wait (how long its first INSERT, UPDATE or DELETE took: the wait for
the lock, SQLite's busy handler sleeping 1, 2, 5, 10… ms between tries) and the hold (from
there to the commit). ``python -m tests.bench lock`` runs it with 1 and 2 workers.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

WRITES = ("INSERT", "UPDATE", "DELETE")


def instrument(engine, out: str) -> None:
    files: dict[int, object] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection, _cursor, statement, *_args) -> None:
        if "lock_asked" not in connection.info and statement.lstrip().startswith(WRITES):
            connection.info["lock_asked"] = time.perf_counter()
            connection.info["lock_first"] = True

    @event.listens_for(engine, "after_cursor_execute")
    def _after(connection, *_args) -> None:
        if connection.info.pop("lock_first", False):
            connection.info["lock_got"] = time.perf_counter()

    @event.listens_for(engine, "commit")
    def _commit(connection) -> None:
        asked = connection.info.pop("lock_asked", None)
        got = connection.info.pop("lock_got", None)
        if asked is None or got is None:
            return
        pid = os.getpid()
        if pid not in files:
            files[pid] = open(f"{out}.{pid}", "a", buffering=1)  # noqa: SIM115 - the worker's life
        files[pid].write(f"{(got - asked) * 1000:.3f} {(time.perf_counter() - got) * 1000:.3f}\n")

    @event.listens_for(engine, "rollback")
    def _rollback(connection) -> None:
        for key in ("lock_asked", "lock_got", "lock_first"):
            connection.info.pop(key, None)


def measure(seconds: float, workers_list=(1, 2)) -> list[str]:
    """One line per number of workers: throughput, waits and holds, share of time held."""
    from . import load, servers

    folder = Path(tempfile.mkdtemp(prefix="bench-lock-"))
    env = {
        "SIM_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
        "SIM_INSTRUCTOR_PASSWORD": "banc-d-essai",
        "SIM_SECRET_KEY": "banc-d-essai",
        "SIM_MAX_SANDBOXES": "1000000",
    }
    lines = []
    for workers in workers_list:
        out = str(folder / f"lock-{workers}")
        port = servers.free_port()
        command = [sys.executable, "-m", "tests.bench.writelock", str(port), str(workers), "4", out]
        with servers.Server(command, env, port):
            done = load.run("127.0.0.1", port, load.trainee_login, 50, seconds, warmup=0)
        rows = [
            tuple(map(float, row.split())) for name in glob.glob(out + ".*") for row in open(name)
        ]
        waits, holds = sorted(r[0] for r in rows), sorted(r[1] for r in rows)

        def q(values, p):
            return values[min(len(values) - 1, int(p * len(values)))] if values else float("nan")

        lines.append(
            f"{workers} worker(s) : {done.rate:.0f} req/s, {len(rows)} transactions d'écriture, "
            f"attente p50 {q(waits, 0.5):.1f} ms p95 {q(waits, 0.95):.0f} ms, "
            f"verrou tenu p50 {q(holds, 0.5):.1f} ms p95 {q(holds, 0.95):.0f} ms, "
            f"{sum(holds) / 1000 / done.seconds * 100:.0f} % du temps"
        )
    return lines


if __name__ == "__main__":
    from simulator import create_app
    from simulator.__main__ import _Gunicorn, compile_templates, gunicorn_options

    port, workers, threads = (int(a) for a in sys.argv[1:4])
    app = create_app()
    instrument(app.extensions["sim.db"].engine, sys.argv[4])
    compile_templates(app)
    _Gunicorn(app, gunicorn_options("127.0.0.1", port, workers, threads)).run()
