"""Start a server as a trainer would (a subprocess), time its start-up, weigh its workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``python -m simulator serve`` (or the bare app) on a free port, stopped on exit."""

    def __init__(self, command: list[str], env: dict, port: int) -> None:
        self.port = port
        # its log in a file, not a pipe nobody reads under load: a full pipe blocks the server's
        # next write, and every request after it (the login load hung there for 20 minutes)
        self.log = tempfile.TemporaryFile()
        start = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = start + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2).read()
                break
            except urllib.error.HTTPError:
                break  # it answers (the bare endpoint has no robots.txt)
            except OSError:
                if self.process.poll() is not None or time.perf_counter() > deadline:
                    log = self.tail()
                    self.stop()
                    raise RuntimeError(f"server did not start: {log}") from None
                time.sleep(0.02)
        self.startup = time.perf_counter() - start

    def tail(self, size: int = 2000) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-size:]

    def workers(self) -> list[int]:
        children = (
            Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        )
        return [int(pid) for pid in children]

    def memory(self) -> dict[str, float]:
        """Per worker, in MiB: RSS (what top shows) and PSS (shared pages split fairly,
        preload_app shares the code between workers), the largest worker's."""
        rss = pss = 0.0
        for pid in self.workers():
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, value = line.split(":", 1)
                fields[name] = int(value.split()[0]) / 1024
            rss, pss = max(rss, fields["Rss"]), max(pss, fields["Pss"])
        return {"rss": rss, "pss": pss}

    def cpu(self) -> float:
        """CPU seconds its workers have used (every thread, user and system): divided by the
        requests served, a cost a busy machine does not inflate as it inflates latencies."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def simulator(database: Path | str, workers: int, threads: int) -> Server:
    """``database``: a SQLite file, or a PostgreSQL URL."""
    port = free_port()
    env = {
        "SIM_DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
        "SIM_INSTRUCTOR_PASSWORD": "banc-d-essai",
        "SIM_SECRET_KEY": "banc-d-essai",
        "SIM_MAX_SANDBOXES": "1000000",
        "SIM_WORKERS": str(workers),
        "SIM_THREADS": str(threads),
    }
    return Server([sys.executable, "-m", "simulator", "serve", "--port", str(port)], env, port)


def bare(workers: int, threads: int) -> Server:
    port = free_port()
    return Server(
        [sys.executable, "-m", "tests.bench.bare", str(port), str(workers), str(threads)], {}, port
    )
