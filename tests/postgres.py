"""A throwaway PostgreSQL server for the tests: the Debian binaries, a temporary cluster,
a Unix socket only (no TCP port opened), run as the ``postgres`` user (it refuses root)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    return Path(found[-1]).parent


class TemporaryPostgres:
    def __init__(self) -> None:
        self.bin = binaries()
        self.dir = Path(tempfile.mkdtemp(prefix="sim-pg-"))
        self.data = self.dir / "data"
        self.port = 5432
        self.process = None

    def _as_postgres(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            [
                *self._as_postgres(),
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [
                *self._as_postgres(),
                str(self.bin / "postgres"),
                "-D",
                str(self.data),
                "-k",
                str(self.dir),
                "-c",
                "listen_addresses=",
                "-p",
                str(self.port),
                "-c",
                "fsync=off",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = self.dir / f".s.PGSQL.{self.port}"
        for _ in range(200):
            if socket.exists():
                break
            time.sleep(0.05)
        time.sleep(0.3)
        subprocess.run(
            [
                *self._as_postgres(),
                str(self.bin / "createdb") if (self.bin / "createdb").exists() else "createdb",
                "-h",
                str(self.dir),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "simulateur",
            ],
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://postgres@/simulateur?host={self.dir}&port={self.port}"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.dir, ignore_errors=True)
