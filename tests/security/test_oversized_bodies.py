"""A body over the limit gets the French 413 page, with the training banner and the security
headers, on every route that takes a POST (the error page must not read the body again)."""

from __future__ import annotations

import re


def _post_routes(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            values = {name: _sample(rule, name) for name in rule.arguments}
            urls.append(
                re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(values[m.group(1)]), rule.rule)
            )
    return sorted(set(urls))


def _sample(rule, name):
    converter = rule._converters.get(name)
    return 1 if converter is not None and type(converter).__name__ == "IntegerConverter" else "x"


def test_every_post_route_answers_413_in_french(app, browser_client):
    routes = _post_routes(app)
    assert len(routes) > 30
    body = {"champ": "x" * (1024 * 1024)}
    failures = []
    for url in routes:
        response = browser_client.post(url, body)
        page = response.get_data(as_text=True)
        ok = response.status_code == 413 and "Envoi trop volumineux" in page
        ok = ok and 'class="training-banner"' in page
        ok = ok and response.headers.get("X-Frame-Options") == "DENY"
        ok = ok and "noindex" in response.headers.get("X-Robots-Tag", "")
        if not ok:
            failures.append((url, response.status_code))
    assert failures == []
