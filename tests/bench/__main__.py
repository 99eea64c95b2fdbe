"""python -m tests.bench: every figure beside its goal, measured side by side in one run.

Ratios, not absolute times, so a busy machine slows both sides alike: the login round trip
against a bare Flask endpoint under the same gunicorn settings; the instructor table at 30
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
        memory = server.memory()
    with servers.bare(DEFAULT_WORKERS, DEFAULT_THREADS) as bare_server:
        bare = load.run("127.0.0.1", bare_server.port, load.bare_get, 50, seconds)
    line(
        "mémoire par worker après la charge",
        f"RSS {memory['rss']:.0f} Mio, PSS {memory['pss']:.0f} Mio",
        "< 100 Mio",
        memory["pss"] < 100,
    )
    print(f"  connexion PIGP, 50 stagiaires : {login.summary()}")
    print(f"  point de comparaison nu       : {bare.summary()}")
    line(
        "débit connexion / point nu",
        f"{login.rate / bare.rate:.2f}×",
        "≥ 0,2×",
        login.rate / bare.rate >= 0.2,
    )
    line(
        "p95 par requête (connexion)",
        f"{login.percentile(95) * 1000:.0f} ms",
        "< 150 ms",
        login.percentile(95) < 0.15,
    )
    line("erreurs (connexion)", f"{login.errors}", "0", login.errors == 0)
    captures.report(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
