"""python -m simulator serve: the simulator under gunicorn, on loopback unless told otherwise."""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys
from datetime import timedelta

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, app, options: dict) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def _post_fork(_server, worker) -> None:
    """Each worker opens its own database connections (none shared across fork)."""
    database = worker.app.application.extensions.get("sim.db")  # none in make bench's bare app
    if database is not None:
        database.dispose()


def compile_templates(app) -> int:
    """Compile every template once, before gunicorn forks: otherwise each worker compiles
    each page at its first request (a quarter of a second of CPU for the 94 templates, paid
    by the first trainees of each worker, again and again). Returns how many."""
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def machine_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses, for a trainer who must pick the room's."""
    import socket

    found: list[str] = []
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("192.0.2.1", 9))  # TEST-NET, nothing is sent: only picks the route
        found.append(probe.getsockname()[0])
        probe.close()
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    return [ip for ip in dict.fromkeys(found) if not ipaddress.ip_address(ip).is_loopback]


DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
# Why gthread, 2 workers x 4 threads (measured by `make bench`, 2 cores, 50 simulated trainees):
# - one worker per core: the work is CPU-bound Python, more processes only contend;
# - sync 2x1 and gthread 2x4 serve the same 345 req/s without pause (the login round trip);
#   with trainees clicking all in step, sync's p95 was lower (94 ms against 169 ms); at a
#   person's pace, clicks not in step, gthread's p95 is 20 ms;
# - gthread all the same: it keeps connections alive, and a browser's idle speculative
#   connections or a slow phone on the room's Wi-Fi would hold a whole sync worker each
#   (sync is meant to sit behind a buffering proxy); threads also let a request waiting on the
#   database (SQLite's busy_timeout, a PostgreSQL round trip) free the core.
# SIM_WORKERS / SIM_THREADS change them; re-run `make bench` to compare.


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator serve")
    parser.add_argument("--host", default=os.environ.get("SIM_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SIM_PORT", "5000")))
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("SIM_WORKERS", DEFAULT_WORKERS))
    )
    parser.add_argument(
        "--threads", type=int, default=int(os.environ.get("SIM_THREADS", DEFAULT_THREADS))
    )
    args = parser.parse_args(argv)

    from . import config as settings
    from . import create_app

    app = create_app()
    every_interface = args.host in ("0.0.0.0", "::")  # noqa: S104 - said aloud below
    local = f"http://{'127.0.0.1' if every_interface else args.host}:{args.port}"
    address = app.config.get("SIM_PUBLIC_URL") or local
    print("Simulateur de formation 2FA — aucune donnée réelle")
    print(f"  Bac à sable du stagiaire : {address}/")
    print(f"  Espace formateur : {address}/formateur/")
    if app.config.get("INSTRUCTOR_PASSWORD_NEW"):
        print(
            f"  Mot de passe formateur (généré, gardé dans instance/instructor_password) : {app.config['INSTRUCTOR_PASSWORD']}"
        )
    elif not os.environ.get("SIM_INSTRUCTOR_PASSWORD"):
        print("  Mot de passe formateur : voir instance/instructor_password")
    print(f"  Base de données : {settings.display_url(app.config['DATABASE_URL'])}")
    if not _is_loopback(args.host):
        print(f"  ATTENTION : ouvert au réseau ({args.host}) — réservé à une salle de formation.")
        if not app.config.get("SIM_PUBLIC_URL"):
            found = machine_addresses() if every_interface else [args.host]
            print(
                "  Adresse de la salle non définie (SIM_PUBLIC_URL) : les fiches porteraient "
                f"{local}. Adresses de cette machine :"
            )
            for ip in found or ["(aucune trouvée)"]:
                print(f"    http://{ip}:{args.port}/")
            print(
                "  Relancez avec par exemple SIM_PUBLIC_URL=http://"
                f"{found[0] if found else 'adresse'}:{args.port}"
            )
    compile_templates(app)
    _Gunicorn(app, gunicorn_options(args.host, args.port, args.workers, args.threads)).run()
    return 0


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    """The server's settings, shared with ``make bench``'s bare endpoint so that the two are
    measured under the same gunicorn.

    WORKER_CHOICE below says why these defaults.
    """
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        # gunicorn's workers, whose refusals (request line or header too long, malformed
        # request) come back as the app's French page: web/server_errors.py.
        "worker_class": "simulator.web.server_errors.AppErrors"
        + ("ThreadWorker" if threads > 1 else "SyncWorker"),
        # The longest request line gunicorn reads (its maximum): the app refuses addresses
        # over security.MAX_URL_LENGTH (4096) itself, so a too-long address meets the app's
        # French 414 first; beyond 8190 the worker above draws the same page. A header field
        # keeps gunicorn's 8190: the Referer a browser sends repeats the longest address.
        "limit_request_line": 8190,
        "limit_request_field_size": 8190,
        "keepalive": 5,
        "preload_app": True,
        "post_fork": _post_fork,
        "accesslog": None,
        "loglevel": "warning",
    }


def upgrade(argv: list[str]) -> int:
    """Create or upgrade the schema (``serve`` and every worker also do it at start-up)."""
    argparse.ArgumentParser(prog="python -m simulator upgrade").parse_args(argv)
    from . import config as settings
    from . import create_app
    from .store.migrate import current, head

    app = create_app()
    engine = app.extensions["sim.db"].engine
    print(
        f"Base de données à jour (révision {current(engine)}, dernière {head()}) : "
        f"{settings.display_url(app.config['DATABASE_URL'])}"
    )
    app.extensions["sim.db"].dispose()
    return 0


def parse_duration(text: str) -> timedelta:
    """« 30j », « 30d », « 12h », « 90min » or a bare number of days."""
    match = re.fullmatch(r"\s*(\d+)\s*(j|d|jours?|days?|h|heures?|min)?\s*", text or "")
    if not match:
        raise argparse.ArgumentTypeError(f"durée illisible : {text!r} (exemples : 30j, 12h, 90min)")
    number, unit = int(match.group(1)), (match.group(2) or "j")
    if unit.startswith("h"):
        return timedelta(hours=number)
    if unit == "min":
        return timedelta(minutes=number)
    return timedelta(days=number)


def purge(argv: list[str]) -> int:
    """Delete the sandboxes nobody opened for a while (« Commencer » ones and class ones)."""
    parser = argparse.ArgumentParser(prog="python -m simulator purge")
    parser.add_argument(
        "--inactifs",
        type=parse_duration,
        required=True,
        metavar="DURÉE",
        help="supprimer les bacs à sable inactifs depuis DURÉE (ex. 30j)",
    )
    args = parser.parse_args(argv)
    from . import create_app
    from .services import sandboxes

    app = create_app()
    database = app.extensions["sim.db"]
    with app.app_context(), database.session() as db:
        deleted = sandboxes.purge_idle(db, app.extensions["sim.wall_clock"].now(), args.inactifs)
    print(
        f"{deleted} bac(s) à sable inactif(s) depuis {args.inactifs.days} jour(s) ou plus supprimé(s)."
        if args.inactifs >= timedelta(days=1)
        else f"{deleted} bac(s) à sable inactif(s) supprimé(s)."
    )
    database.dispose()
    return 0


def new_portal(argv: list[str]) -> int:
    """Write a sixth portal from the shared steps (simulator/scaffold)."""
    from pathlib import Path

    from . import scaffold

    parser = argparse.ArgumentParser(prog="python -m simulator nouveau-portail")
    parser.add_argument("cle", metavar="CLE", help="la clé du portail (ex. : impots)")
    parser.add_argument("--facteur", required=True, choices=sorted(scaffold.FACTORS))
    parser.add_argument("--nom", help="son nom affiché (par défaut : la clé, capitalisée)")
    parser.add_argument(
        "--racine",
        type=Path,
        default=Path(__file__).resolve().parents[1],
        help="le dépôt où l'écrire (par défaut : celui-ci)",
    )
    args = parser.parse_args(argv)
    try:
        plan = scaffold.plan(args.racine, args.cle, args.facteur, args.nom)
    except scaffold.ScaffoldError as problem:
        print(problem, file=sys.stderr)
        return 2
    for path in scaffold.write(plan):
        print(path.relative_to(args.racine))
    print(scaffold.next_steps(plan))
    return 0


def lti(argv: list[str]) -> int:
    """What a Moodle administrator pastes (dynamic registration URL), the JWKS URL and the
    key's fingerprint; the key's rotation; the grades posted by hand."""
    parser = argparse.ArgumentParser(prog="python -m simulator lti")
    parser.add_argument("--nouvelle-cle", action="store_true", help="rotation : nouvelle clé")
    parser.add_argument("--retirer-ancienne-cle", action="store_true")
    parser.add_argument("--envoyer", action="store_true", help="envoyer les notes dues")
    args = parser.parse_args(argv)
    from . import create_app
    from .lti import grades, keys, registrations

    app = create_app()
    folder = app.config["LTI_KEY_FOLDER"]
    if args.nouvelle_cle:
        keys.rotate(folder)
        print("Nouvelle clé générée ; l'ancienne reste publiée jusqu'à --retirer-ancienne-cle.")
    if args.retirer_ancienne_cle:
        print("Ancienne clé retirée." if keys.retire_previous(folder) else "Pas d'ancienne clé.")
    if args.envoyer:
        sent, failed = grades.deliver_due(app.extensions["sim.db"], folder)
        print(f"Notes envoyées : {sent}, en échec (réessayées plus tard) : {failed}.")
    base = app.config.get("SIM_PUBLIC_URL") or (
        f"http://{os.environ.get('SIM_HOST', '127.0.0.1')}:{os.environ.get('SIM_PORT', '5000')}"
    )
    key = keys.current(folder)
    invitation = registrations.invitation_key(app.config["SECRET_KEY"])
    print("Intégration LTI 1.3 (Moodle, Mentor)")
    print(
        f"  Adresse d'enregistrement à coller dans « Gérer les outils » : {base}/lti/inscription?cle={invitation}"
    )
    print(f"  Clés publiques (JWKS) : {base}/lti/jwks")
    print(f"  Empreinte de la clé (SHA-256) : {key.fingerprint}  (kid {key.kid})")
    if settings_is_loopback(base):
        print("  ATTENTION : adresse locale, Moodle ne la joindra pas : définissez SIM_PUBLIC_URL.")
    if not base.startswith("https://"):
        print("  Sans HTTPS : réglez les activités sur « Nouvelle fenêtre » dans Moodle.")
    app.extensions["sim.db"].dispose()
    return 0


def settings_is_loopback(url: str) -> bool:
    from .config import is_loopback_url

    return is_loopback_url(url)


USAGE = """usage: python -m simulator serve [--host H] [--port P] [--workers N] [--threads T]
       python -m simulator upgrade
       python -m simulator purge --inactifs 30j
       python -m simulator nouveau-portail CLE --facteur courriel|sms|application
       python -m simulator lti [--nouvelle-cle] [--retirer-ancienne-cle] [--envoyer]"""
COMMANDS = {
    "serve": serve,
    "upgrade": upgrade,
    "purge": purge,
    "nouveau-portail": new_portal,
    "lti": lti,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
