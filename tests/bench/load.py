"""Simulated trainees against a running server: the login round trip, and a bare GET loop.

A trainee opens the sandbox (« Commencer »), reads the PIGP training password on its home
page, logs in, opens the mailbox and the mail, types the code: ten requests, redirects
followed as a browser does. The bare user GETs one small page again and again. Both run as
``users`` concurrent browsers for ``seconds``, and report requests/s and latencies.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from dataclasses import dataclass

from .http import User

_CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


FLOW_TIMEOUT = 30  # seconds for one trainee's whole round trip


class FlowError(Exception):
    """The server answered, but not what a trainee would have seen."""


@dataclass
class Load:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    flows: int = 0
    cpu: float = float("nan")  # the server's CPU seconds over the measured window

    @property
    def cpu_per_request(self) -> float:
        return self.cpu / self.requests if self.requests else float("nan")

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> str:
        return (
            f"{self.rate:7.1f} req/s, p50 {self.percentile(50) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms, "
            f"p99 {self.percentile(99) * 1000:.0f} ms, {self.errors} erreur(s) / {self.requests}"
            + (f", {self.flows / self.seconds:.1f} parcours/s" if self.flows else "")
            + (
                f", {self.cpu_per_request * 1000:.2f} ms CPU serveur par requête"
                if self.cpu == self.cpu
                else ""
            )
        )


def _token(page: str) -> str:
    match = _CSRF.search(page)
    if not match:
        raise FlowError("no CSRF token")
    return match.group(1) or match.group(2)


async def _follow(user: User, response, limit=3):
    while response.status in (301, 302, 303) and limit:
        location = response.headers["location"]
        response = await user.get(
            location if location.startswith("/") else "/" + location.split("/", 3)[-1],
            pause=False,
        )
        limit -= 1
    return response


def _expect(response, status=200, contains: str | None = None):
    if response.status != status or (contains and contains not in response.text):
        raise FlowError(f"{response.status} instead of {status}")
    return response


async def trainee_login(user: User) -> None:
    home = _expect(await user.get("/"))
    started = await user.post("/commencer", {"csrf_token": _token(home.text)})
    home = _expect(await _follow(user, started), contains="password-pigp")
    username = re.search(r'data-testid="username-pigp">([^<]+)<', home.text).group(1)
    password = re.search(r'data-testid="password-pigp">([^<]+)<', home.text).group(1)
    form = _expect(await user.get("/pigp/connexion"))
    sent = await user.post(
        "/pigp/connexion",
        {"csrf_token": _token(form.text), "username": username, "password": password},
    )
    code_page = _expect(await _follow(user, sent))
    mailbox = _expect(await user.get("/messagerie/"))
    mail_id = re.search(r"/messagerie/message/(\d+)", mailbox.text).group(1)
    mail = _expect(await user.get(f"/messagerie/message/{mail_id}"))
    body = re.search(r'data-testid="mail-body"[^>]*>(.*?)</div>', mail.text, re.S).group(1)
    code = re.search(r"\b(\d{6})\b", body).group(1)
    done = await user.post("/pigp/code", {"csrf_token": _token(code_page.text), "code": code})
    _expect(await _follow(user, done), contains="Bienvenue")


async def bare_get(user: User) -> None:
    """As many requests on one kept-alive connection as a trainee's login round trip (ten):
    one request a connection made the anchor pay a TCP handshake the simulator did not."""
    for _ in range(10):
        _expect(await user.get("/"))


async def _run(
    host: str, port: int, flow, users: int, seconds: float, warmup: float, think: float, cpu
) -> Load:
    latencies: list[float] = []
    counters = {"errors": 0, "flows": 0, "requests": 0}
    measuring = asyncio.Event()
    stop_at = [float("inf")]

    async def one_user() -> None:
        if think:
            await asyncio.sleep(random.uniform(0, min(warmup, 10 * think)))  # not all at once
        while time.perf_counter() < stop_at[0]:
            user = User(host, port, [], think)
            try:
                # a request that never comes back is an error, not a bench that never ends
                await asyncio.wait_for(flow(user), FLOW_TIMEOUT)
                ok = True
            except (
                TimeoutError,
                FlowError,
                ConnectionError,
                asyncio.IncompleteReadError,
                OSError,
                AttributeError,
                KeyError,
            ):
                ok = False
            finally:
                user.close()
            if measuring.is_set():
                latencies.extend(user.latencies)
                counters["requests"] += len(user.latencies) + (0 if ok else 1)
                counters["errors"] += 0 if ok else 1
                counters["flows"] += 1 if ok else 0

    tasks = [asyncio.create_task(one_user()) for _ in range(users)]
    await asyncio.sleep(warmup)
    measuring.set()
    cpu_before = cpu() if cpu else float("nan")
    start = time.perf_counter()
    stop_at[0] = start + seconds
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    used = (cpu() - cpu_before) if cpu else float("nan")
    return Load(
        counters["requests"], counters["errors"], elapsed, latencies, counters["flows"], used
    )


def run(
    host: str,
    port: int,
    flow,
    users: int = 50,
    seconds: float = 20,
    warmup: float = 3,
    think: float = 0.0,
    cpu=None,
) -> Load:
    """``users`` concurrent browsers doing ``flow`` for ``seconds`` (after ``warmup``).

    ``think`` 0: each sends its next request as soon as the last one is answered, the most the
    server can do (throughput). ``think`` > 0: a person's pace, reading each page before the
    next click, where a latency says what a trainee waits (at saturation every latency is only
    users ÷ throughput, Little's law, whatever the server). ``cpu``: a function giving the
    server's CPU seconds so far (``Server.cpu``), for its cost per request."""
    return asyncio.run(_run(host, port, flow, users, seconds, warmup, think, cpu))


def median(values):
    return statistics.median(values) if values else float("nan")
