"""A small HTTP/1.1 client on asyncio, for the load of ``make bench``.

Fifty simulated browsers in one Python process must cost the machine little next to the
server they measure (requests' thread per user would eat the cores gunicorn needs): one event
loop, keep-alive connections, a cookie jar a user, nothing else.
"""

from __future__ import annotations

import asyncio
import random
import time
from urllib.parse import urlencode


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class User:
    """One browser: a connection kept alive, its cookies, and every request's latency."""

    def __init__(self, host: str, port: int, latencies: list[float], think: float = 0.0) -> None:
        self.host, self.port, self.latencies = host, port, latencies
        self.think = think  # seconds a person spends on a page before the next request
        self.cookies: dict[str, str] = {}
        self._reader = self._writer = None

    async def get(self, path: str, pause: bool = True) -> Response:
        """``pause`` False: a redirect, which a browser follows at once."""
        return await self.request("GET", path, pause=pause)

    async def post(self, path: str, data: dict) -> Response:
        return await self.request(
            "POST",
            path,
            urlencode(data).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    async def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict | None = None,
        pause: bool = True,
    ) -> Response:
        if pause and self.think and self.latencies:
            # people do not click in step: 0.5 to 1.5 times the pace, or fifty trainees started
            # together would keep arriving together, a burst no class makes
            await asyncio.sleep(self.think * random.uniform(0.5, 1.5))
        start = time.perf_counter()
        for attempt in (1, 2):
            fresh = self._writer is None
            try:
                if fresh:
                    self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                response = await self._exchange(method, path, body, headers or {})
                break
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if fresh or attempt == 2:  # a kept-alive connection the server closed: once more
                    raise
        self.latencies.append(time.perf_counter() - start)
        return response

    async def _exchange(self, method, path, body, headers) -> Response:
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(body)}",
            "Accept: text/html",
            "User-Agent: bench",
        ]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        status_line = await self._reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        received: dict[str, str] = {}
        while (line := await self._reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie, _, _ = value.partition(";")
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
            received[name] = value
        if received.get("transfer-encoding") == "chunked":
            chunks = []
            while size := int((await self._reader.readuntil(b"\r\n")).strip(), 16):
                chunks.append(await self._reader.readexactly(size))
                await self._reader.readuntil(b"\r\n")
            await self._reader.readuntil(b"\r\n")
            payload = b"".join(chunks)
        elif "content-length" in received:
            payload = await self._reader.readexactly(int(received["content-length"]))
        else:
            payload = await self._reader.read()
            received["connection"] = "close"
        if received.get("connection", "").lower() == "close":
            self.close()
        return Response(status, received, payload)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None
