"""Engine and sessions.

SQLite is opened in WAL mode with a busy timeout, so several gunicorn workers can write to
one file without « database is locked » errors during a class.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL's own advice: a commit waits for the disk at checkpoints, not every time. A power cut
    # may lose the last clicks of a sandbox, never the file (an fsync a request cost a class).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class DatabaseUnavailable(SystemExit):
    """The database cannot be used: one French line saying what to check, no traceback
    (a SystemExit carrying a message prints just that message)."""


def explain(url: str, error: BaseException) -> str:
    """What a trainer should check, in one line, for a database that cannot be opened."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001
        return f"Adresse de base de données illisible : vérifiez SIM_DATABASE_URL ({url!r})."
    where = f"{parsed.host or 'socket local'}" + (f":{parsed.port}" if parsed.port else "")
    text = str(error).lower()
    if isinstance(error, ModuleNotFoundError):
        return (
            f"Pilote de base de données absent ({error.name}) : installez-le, par exemple "
            "« pip install 'psycopg[binary]' » (make serve l'installe), ou corrigez SIM_DATABASE_URL."
        )
    if (
        "password authentication failed" in text
        or "authentication failed" in text
        or "no password supplied" in text
    ):
        return (
            f"PostgreSQL ({where}) refuse la connexion de l'utilisateur « {parsed.username} » : "
            "vérifiez l'utilisateur et le mot de passe dans SIM_DATABASE_URL."
        )
    if "does not exist" in text and "database" in text:
        return (
            f"La base « {parsed.database} » n'existe pas sur le serveur PostgreSQL ({where}) : "
            f"créez-la (createdb {parsed.database}) ou corrigez SIM_DATABASE_URL."
        )
    if any(
        word in text
        for word in (
            "connection refused",
            "could not connect",
            "no such file",
            "timeout",
            "timed out",
            "name or service not known",
            "could not translate host name",
            "connection failed",
        )
    ):
        return (
            f"Serveur de base de données injoignable ({where}) : vérifiez qu'il est démarré et "
            "que l'adresse et le port de SIM_DATABASE_URL sont les bons."
        )
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Base de données inutilisable ({first}) : vérifiez SIM_DATABASE_URL."


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            sqlite = make_url(url).get_backend_name() == "sqlite"
            # a ping before each request is for a server that may have dropped the connection
            # (PostgreSQL restarted); a SQLite file has no connection to lose
            self.engine: Engine = create_engine(url, future=True, pool_pre_ping=not sqlite)
        except (ModuleNotFoundError, ArgumentError) as error:
            raise DatabaseUnavailable(explain(url, error)) from None
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    def upgrade(self) -> None:
        """Create or upgrade the schema through the migrations (never ``create_all``)."""
        from .migrate import upgrade

        try:
            upgrade(self.engine)
        except (OperationalError, InterfaceError) as error:
            raise DatabaseUnavailable(explain(self.url, error.orig or error)) from None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed whole at the end, or rolled back whole on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
