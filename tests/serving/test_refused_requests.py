"""No request meets a page the simulator did not draw: an address too long, a header too
large, a body sent in chunks past the limit, through the real server (gunicorn) as a trainee's
browser meets them. Each answer is the French page, with the training banner and the headers
that keep it out of search engines and frames."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
import requests

from simulator.web.security import MAX_URL_LENGTH
from walkthroughs.browser import CONTEXT_ARGS

BANNER = 'class="training-banner"'


def _is_the_simulators(status: int, headers, page: str, code: int, title: str) -> None:
    assert status == code, (status, page[:300])
    assert title in page and BANNER in page, page[:500]
    headers = {k.lower(): v for k, v in headers.items()}
    assert "noindex" in headers["x-robots-tag"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "gunicorn" not in page.lower() and "Request Line" not in page


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "/" + "a" * 8000,  # gunicorn used to answer « Request Line is too large (8014 > 4094) »
        "/karbon/invitation/" + "0123456789abcdef" * 700,  # past gunicorn's own limit, 8190
        "/rejoindre?code=ABCD&suite=" + "x" * 6000,
    ],
    ids=["long-path", "beyond-gunicorn", "long-query"],
)
def test_a_too_long_address_gets_the_french_414(served, browser, path):
    context = browser.new_context(**CONTEXT_ARGS)
    page = context.new_page()
    try:
        response = page.goto(served + path)
        _is_the_simulators(
            response.status, response.headers, page.content(), 414, "Adresse trop longue"
        )
        assert page.get_by_role("heading", level=1).inner_text() == "Adresse trop longue"
        assert page.get_by_role("note").inner_text().startswith("Simulateur de formation")
        page.get_by_role("link", name="Retour au bac à sable").click()
        page.wait_for_url(served + "/")
    finally:
        context.close()


def test_the_longest_address_the_app_accepts_reaches_its_page(served):
    """What the limit leaves: an address of MAX_URL_LENGTH characters is served, not refused."""
    start = "/rejoindre?code=ABCD-EFGHJK&suite="
    path = start + "x" * (MAX_URL_LENGTH - len(start))
    assert len(path) == MAX_URL_LENGTH
    response = requests.get(served + path, timeout=30, headers={"Referer": served + path})
    assert response.status_code == 200 and "Code de la séance" in response.text
    too_long = requests.get(served + path + "x", timeout=30)
    assert too_long.status_code == 414


def test_a_too_large_header_gets_the_french_431(served):
    response = requests.get(served + "/", headers={"Cookie": "trop=" + "a" * 9000}, timeout=30)
    _is_the_simulators(
        response.status_code, response.headers, response.text, 431, "En-têtes trop volumineux"
    )


def test_a_malformed_request_gets_the_french_400(served):
    address = urlsplit(served)
    with socket.create_connection((address.hostname, address.port), timeout=30) as raw:
        raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nMauvais en-tete\r\n\r\n")
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    headers = dict(
        line.split(": ", 1) for line in head.decode("latin-1").split("\r\n")[1:] if ": " in line
    )
    _is_the_simulators(status, headers, body.decode(), 400, "Requête invalide")


def _chunks(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_chunked_body_over_the_limit_is_refused_before_the_view(served, trainee_session):
    """No Content-Length: the body comes in chunks. A megabyte used to be cut at 256 KB and
    the route ran on what was read (the clock moved); now the French 413, and nothing moves."""
    web, token = trainee_session
    body = f"csrf_token={token}&champ=".encode() + b"x" * (1024 * 1024)
    response = web.post(
        served + "/horloge/avancer/1jour",
        data=_chunks(body),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
        allow_redirects=False,
    )
    assert "Content-Length" not in response.request.headers
    assert response.request.headers["Transfer-Encoding"] == "chunked"
    _is_the_simulators(
        response.status_code, response.headers, response.text, 413, "Envoi trop volumineux"
    )
    assert "Horloge avancée" not in web.get(served + "/horloge/", timeout=30).text


def test_a_chunked_body_within_the_limit_still_works(served, trainee_session):
    web, token = trainee_session
    body = f"csrf_token={token}&champ=court".encode()
    response = web.post(
        served + "/horloge/avancer/1jour",
        data=_chunks(body, 8),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.request.headers["Transfer-Encoding"] == "chunked"
    assert response.status_code == 302, response.text[:300]
    assert "Horloge avancée (+1 jour)" in web.get(served + "/horloge/", timeout=30).text


def test_a_declared_body_over_the_limit_gets_a_readable_413(served, trainee_session):
    """A browser's ordinary form post of a megabyte (with Content-Length): the server reads
    and drops the rest of the body, so the browser reads the French page instead of a
    connection reset."""
    web, token = trainee_session
    response = web.post(
        served + "/horloge/avancer/1jour",
        data={"csrf_token": token, "champ": "x" * (1024 * 1024)},
        timeout=30,
        allow_redirects=False,
    )
    assert int(response.request.headers["Content-Length"]) > 1024 * 1024
    _is_the_simulators(
        response.status_code, response.headers, response.text, 413, "Envoi trop volumineux"
    )
