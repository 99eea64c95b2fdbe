"""python -m tests.bench: every figure beside its goal, measured side by side in one run.

Ratios, not absolute times, so a busy machine slows both sides alike: the login round trip
against a bare Flask endpoint under the same gunicorn settings, both without pause (the
throughput), then what a trainee waits at a person's pace (50, and a class of 200); the instructor table at 30
and 200 trainees; the mailbox at 10 and 1,000 messages; start-up and memory per worker;
capture regeneration against the raw-Playwright floor (tests/bench/captures.py).
`python -m tests.bench captures` runs the capture part alone.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from simulator.__main__ import DEFAULT_THREADS, DEFAULT_WORKERS

from . import captures, load, pages, servers

# A trainee's pace: a page read, then the next click (the redirect after a form is followed at
# once, as a browser does). Without a pause every latency is users ÷ throughput (Little's law),
# a property of the load, not of the server: the pause-free run measures the throughput.
PACE = 1.0


def line(name: str, value: str, goal: str, ok: bool) -> None:
    print(f"{name:42} {value:58} objectif {goal:22} {'ok' if ok else 'AU-DESSUS DE L OBJECTIF'}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["captures"]:
        captures.report(line)
        return 0
    seconds = float(argv[0]) if argv else 15
    results = pages.measure()
    for size in (30, 200):
        wall, cpu, queries = results[f"table {size}"]
        line(
            f"tableau formateur (JSON), {size} stagiaires",
            f"{wall * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU), {queries} requêtes SQL",
            "< 100 ms, ≤ 10 requêtes",
            wall < 0.1 and queries <= 10,
        )
    wall, cpu, queries = results["page 200"]
    line(
        "page du tableau, 200 stagiaires",
        f"{wall * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU), {queries} requêtes SQL",
        "< 100 ms, ≤ 10 requêtes",
        wall < 0.1 and queries <= 10,
    )
    for what in ("mailbox", "phone"):
        ratio = results[f"{what} 1000"][0] / results[f"{what} 10"][0]
        line(
            f"{what} 1 000 / 10 messages",
            f"{ratio:.2f}× ({results[f'{what} 1000'][0] * 1000:.1f} ms / "
            f"{results[f'{what} 10'][0] * 1000:.1f} ms)",
            "≤ 2×",
            ratio <= 2,
        )

    database = Path(tempfile.mkdtemp(prefix="bench-serve-")) / "bench.sqlite"
    with servers.simulator(database, DEFAULT_WORKERS, DEFAULT_THREADS) as first:
        line("démarrage (base neuve, migrations)", f"{first.startup:.2f} s", "(information)", True)
    with servers.simulator(database, DEFAULT_WORKERS, DEFAULT_THREADS) as server:
        line("démarrage (base à jour)", f"{server.startup:.2f} s", "< 2 s", server.startup < 2)
        login = load.run("127.0.0.1", server.port, load.trainee_login, 50, seconds)
        paced = load.run("127.0.0.1", server.port, load.trainee_login, 50, seconds, think=PACE)
        class_200 = load.run("127.0.0.1", server.port, load.trainee_login, 200, seconds, think=PACE)
        memory = server.memory()
    with servers.bare(DEFAULT_WORKERS, DEFAULT_THREADS) as bare_server:
        bare = load.run("127.0.0.1", bare_server.port, load.bare_get, 50, seconds)
    line(
        "mémoire par worker après la charge",
        f"RSS {memory['rss']:.0f} Mio, PSS {memory['pss']:.0f} Mio",
        "< 100 Mio",
        memory["pss"] < 100,
    )
    print(f"  connexion PIGP, 50 stagiaires sans pause : {login.summary()}")
    print(f"  point de comparaison nu, sans pause      : {bare.summary()}")
    print(f"  connexion PIGP, 50 stagiaires, {PACE:g} s par page : {paced.summary()}")
    print(f"  connexion PIGP, 200 stagiaires, {PACE:g} s par page : {class_200.summary()}")
    line(
        "débit connexion / point nu",
        f"{login.rate / bare.rate:.2f}×",
        "≥ 0,2×",
        login.rate / bare.rate >= 0.2,
    )
    line(
        f"p95 par requête, 50 stagiaires à {PACE:g} s/page",
        f"{paced.percentile(95) * 1000:.0f} ms (p50 {paced.percentile(50) * 1000:.0f} ms)",
        "< 150 ms",
        paced.percentile(95) < 0.15,
    )
    line(
        "p95 par requête, 50 stagiaires sans pause",
        f"{login.percentile(95) * 1000:.0f} ms (= file d'attente : 50 ÷ débit)",
        "(information)",
        True,
    )
    line(
        f"p95 par requête, 200 stagiaires à {PACE:g} s/page",
        f"{class_200.percentile(95) * 1000:.0f} ms ({class_200.rate:.0f} req/s)",
        "(information)",
        True,
    )
    errors = login.errors + paced.errors + class_200.errors
    line("erreurs (connexion, trois charges)", f"{errors}", "0", errors == 0)
    captures.report(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
