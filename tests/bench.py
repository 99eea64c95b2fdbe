"""make bench: timing goals, measured, never asserted in the test suite.

Goals: a sandbox ready in under 0.5 s; a PIGP login (password, code, trust cookie) under
0.2 s a request; a class of 30 created in under 15 s; 30 trainees' home pages served in
parallel by one process in under 5 s. Run on the same 2-core machine as CI.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from simulator import create_app
from simulator.services import classes
from tests.conftest import make_test_config
from tests.helpers import Browser, open_sandbox


def timed(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    # The production password hash, not the tests' cheap one.
    from simulator.config import DEFAULTS

    method = DEFAULTS["PASSWORD_HASH_METHOD"]
    app = create_app({**make_test_config(tmp), "PASSWORD_HASH_METHOD": method})
    results = {}

    results["sandbox ready (home, first visit)"] = timed(lambda: open_sandbox(app.test_client()))

    def pigp_login():
        web = Browser(app.test_client()).open_sandbox()
        creds = web.state()["accounts"]["pigp"]
        start = time.perf_counter()
        web.post("/pigp/connexion", {"username": creds["username"], "password": creds["password"]})
        web.post("/pigp/code", {"code": web.latest_code()})
        return (time.perf_counter() - start) / 4  # four requests: login, mailbox, mail, code

    results["PIGP login, per request"] = statistics.median(pigp_login() for _ in range(5))

    with app.app_context():
        db = app.extensions["sim.db"]
        start = time.perf_counter()
        with db.session() as session:
            classes.create(session, "Banc d'essai", 30, app.extensions["sim.wall_clock"].now(), method)
        results["class of 30 created"] = time.perf_counter() - start

    clients = [app.test_client() for _ in range(30)]
    for client in clients:
        open_sandbox(client)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda c: c.get("/messagerie/"), clients))
    results["30 mailboxes served (8 threads)"] = time.perf_counter() - start

    goals = {"sandbox ready (home, first visit)": 0.5, "PIGP login, per request": 0.2,
             "class of 30 created": 15, "30 mailboxes served (8 threads)": 5}
    for name, seconds in results.items():
        verdict = "ok" if seconds <= goals[name] else "AU-DESSUS DE L'OBJECTIF"
        print(f"{name:40} {seconds * 1000:9.1f} ms   objectif {goals[name] * 1000:7.0f} ms   {verdict}")


if __name__ == "__main__":
    main()
