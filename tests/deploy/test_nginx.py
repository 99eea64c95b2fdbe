"""A class of 10 through nginx in front of two simulator hosts on one PostgreSQL database,
nginx started from the very file the trainers' guide ships (docs/deploiement/nginx.conf, with
only its addresses, ports and certificate paths replaced). Halfway, one host is stopped:
nginx sends the requests to the other one, and no trainee loses anything."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from simulator.domain import totp
from tests.helpers import csrf_from
from tests.postgres import TemporaryPostgres

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "docs" / "deploiement" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TRAINEES = 10

pytestmark = pytest.mark.deploy


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def derived_config(
    site: str, hosts: list[int], https: int, http: int, cert: Path, key: Path
) -> str:
    """The shipped file with the test's addresses: nothing else changes."""
    replaced = {
        "10.0.0.11:5000": f"127.0.0.1:{hosts[0]}",
        "10.0.0.12:5000": f"127.0.0.1:{hosts[1]}",
        "listen 443 ssl;": f"listen 127.0.0.1:{https} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http};",
        "/etc/ssl/certs/simulateur.pem": str(cert),
        "/etc/ssl/private/simulateur.key": str(key),
    }
    for old, new in replaced.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


@pytest.fixture
def deployment(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    postgres = TemporaryPostgres()
    url = postgres.start()
    processes = []
    try:
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
        hosts, https, http = [_free_port(), _free_port()], _free_port(), _free_port()
        public = f"https://127.0.0.1:{https}"
        env = {
            **os.environ,
            "SIM_DATABASE_URL": url,
            "SIM_SECRET_KEY": "clé commune aux hôtes",
            "SIM_INSTRUCTOR_PASSWORD": "formateur",
            "SIM_HTTPS": "1",
            "SIM_TRUSTED_PROXIES": "1",
            "SIM_PUBLIC_URL": public,
            "SIM_WORKERS": "2",
        }
        for port in hosts:  # both at once on a new database: the migration lock at work
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "simulator",
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                    ],
                    env=env,
                    cwd=tmp_path,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
        for port in hosts:
            _wait_for(port)
        site = tmp_path / "site.conf"
        site.write_text(derived_config(SHIPPED.read_text(), hosts, https, http, cert, key))
        (tmp_path / "logs").mkdir()
        main = tmp_path / "nginx.conf"
        main.write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format upstreams '$request_method $uri $status $upstream_addr';
    access_log {tmp_path}/logs/access.log upstreams;
    client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
    include {site};
}}
""")
        nginx = subprocess.Popen(
            [NGINX, "-c", str(main), "-p", str(tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(nginx)
        _wait_for(https)
        yield {
            "url": public,
            "cert": str(cert),
            "hosts": processes[:2],
            "log": tmp_path / "logs" / "access.log",
            "http": http,
        }
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            if process.stderr:
                process.stderr.close()
        postgres.stop()


class Trainee:
    def __init__(self, base: str, cert: str) -> None:
        self.base, self.web, self.cert = base, requests.Session(), cert
        self.requests = 0

    def get(self, path: str) -> requests.Response:
        self.requests += 1
        response = self.web.get(
            self.base + path, allow_redirects=False, timeout=30, verify=self.cert
        )
        assert response.status_code in (200, 302), (path, response.status_code)
        return response

    def post(self, path: str, data: dict | None = None) -> requests.Response:
        token = self.token if path != "/commencer" else csrf_from(self.get("/").text)
        self.requests += 1
        response = self.web.post(
            self.base + path,
            data={**(data or {}), "csrf_token": token},
            allow_redirects=False,
            timeout=30,
            verify=self.cert,
        )
        assert response.status_code in (200, 302), (path, response.status_code, response.text[:300])
        return response

    def start(self) -> None:
        response = self.post("/commencer")
        assert response.headers["Location"] == "/"
        assert (
            "Secure" in response.headers["Set-Cookie"]
            and "HttpOnly" in response.headers["Set-Cookie"]
        )
        home = self.get("/").text
        self.token = csrf_from(home)  # one per session, as a browser's pages carry it
        self.pigp = (
            re.search(r'data-testid="username-pigp">([^<]+)<', home).group(1),
            re.search(r'data-testid="password-pigp">([^<]+)<', home).group(1),
        )

    def latest_mail(self) -> str:
        ids = re.findall(r"/messagerie/message/(\d+)", self.get("/messagerie/").text)
        assert ids, "no mail"
        return self.get(f"/messagerie/message/{ids[0]}").text

    def pigp_password(self) -> None:
        response = self.post(
            "/pigp/connexion", {"username": self.pigp[0], "password": self.pigp[1]}
        )
        assert response.headers["Location"] == "/pigp/code"

    def pigp_code(self) -> None:
        body = re.search(
            r'data-testid="mail-body"[^>]*>(.*?)</div>', self.latest_mail(), re.S
        ).group(1)
        code = re.search(r"\b(\d{6})\b", body).group(1)
        assert self.post("/pigp/code", {"code": code}).headers["Location"] == "/pigp/accueil"
        assert self.get("/pigp/accueil").status_code == 200

    def karbon(self) -> None:
        self.post("/karbon/invitation")
        link = re.search(r'href="(/karbon/invitation/[0-9a-f]{48})"', self.latest_mail()).group(1)
        assert self.get(link).headers["Location"] == "/karbon/activation"
        password = "Tilleul-Horizon-2026"
        response = self.post("/karbon/activation", {"password": password, "confirm": password})
        assert response.headers["Location"] == "/karbon/configuration-2fa"
        page = self.get("/karbon/configuration-2fa").text
        uri = re.search(r'data-otpauth="([^"]+)"', page).group(1).replace("&amp;", "&")
        code = totp.code_at(totp.parse_uri(uri).secret, _now())
        response = self.post("/karbon/configuration-2fa", {"code": code})
        assert response.headers["Location"] == "/karbon/codes-de-recuperation"
        assert (
            self.post("/karbon/codes-de-recuperation", {"saved": "y"}).headers["Location"]
            == "/karbon/accueil"
        )
        assert self.get("/karbon/accueil").status_code == 200


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_a_class_through_nginx_with_a_host_stopped_halfway(deployment):
    started = time.perf_counter()
    trainees = [Trainee(deployment["url"], deployment["cert"]) for _ in range(TRAINEES)]
    for number, trainee in enumerate(trainees):
        trainee.start()
        trainee.pigp_password()
        if number == TRAINEES // 2:  # mid-login: the code is entered once a host is gone
            deployment["hosts"][1].terminate()
            deployment["hosts"][1].wait(timeout=20)
        trainee.pigp_code()
        trainee.karbon()
    for trainee in trainees:  # nothing lost: every login still holds, on the host left
        assert trainee.get("/pigp/accueil").status_code == 200
        assert trainee.get("/karbon/accueil").status_code == 200
    elapsed = time.perf_counter() - started
    total = sum(t.requests for t in trainees)
    lines = deployment["log"].read_text().splitlines()
    served = {line.split()[-1].split(",")[0] for line in lines if line.split()[-1] != "-"}
    assert len(served) == 2, served  # requests alternated between the two hosts
    assert not [line for line in lines if line.split()[2].startswith("5")]
    print(
        f"\n{TRAINEES} trainees, {total} requests through nginx in {elapsed:.1f} s "
        f"({total / elapsed:.0f} requests/s)"
    )
    redirect = requests.get(
        f"http://127.0.0.1:{deployment['http']}/pigp/", allow_redirects=False, timeout=10
    )
    assert redirect.status_code == 301 and redirect.headers["Location"].startswith("https://")
    _refusals_are_the_simulators(deployment["url"], deployment["cert"])


def _refusals_are_the_simulators(base: str, cert: str) -> None:
    """What nginx refuses itself (its error_page) and what it passes on to be refused by the
    simulator: every answer is the simulator's French page with its banner and headers."""

    def chunks(size: int):
        for _ in range(size // 65536):
            yield b"x" * 65536

    cases = {
        "adresse refusée par le simulateur": (
            lambda: requests.get(base + "/" + "a" * 5000, timeout=30, verify=cert),
            414,
        ),
        "adresse refusée par nginx": (
            lambda: requests.get(base + "/" + "a" * 40000, timeout=30, verify=cert),
            414,
        ),
        "en-tête refusé par nginx": (
            lambda: requests.get(
                base + "/", headers={"Cookie": "a=" + "b" * 40000}, timeout=30, verify=cert
            ),
            431,
        ),
        "envoi en morceaux refusé par le simulateur": (
            lambda: requests.post(
                base + "/commencer", data=chunks(512 * 1024), timeout=30, verify=cert
            ),
            413,
        ),
        "envoi en morceaux refusé par nginx": (
            lambda: requests.post(
                base + "/commencer", data=chunks(2 * 1024 * 1024), timeout=30, verify=cert
            ),
            413,
        ),
    }
    for name, (send, status) in cases.items():
        response = send()
        assert response.status_code == status, (name, response.status_code, response.text[:200])
        assert 'class="training-banner"' in response.text, name
        assert "nginx" not in response.text, name
        assert "noindex" in response.headers.get("X-Robots-Tag", ""), name
        assert "frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", ""), name
