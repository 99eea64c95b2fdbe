"""The bare endpoint ``make bench`` compares the simulator with: the fastest plain Flask view
we can write that renders a page as large as a trainee's sandbox home, under the very
gunicorn settings ``python -m simulator serve`` uses (worker class, workers, threads,
keep-alive: ``gunicorn_options``).

Why the earlier figures differed (1,014 requests/s printed by ``make bench``, 1,932–2,010 in
an independent run): this view used to call ``render_template_string``, which parses and
compiles its template at every request (Flask keeps no cache for strings). An anchor slower
than it need be flatters the ratio. The template is now compiled once, when the app is made
(before gunicorn forks), and the view only renders it — as the simulator's templates are,
compiled once per worker and kept in Jinja's cache.

    python -m tests.bench.bare PORT WORKERS THREADS
"""

from __future__ import annotations

import sys

from flask import Flask

from simulator.__main__ import _Gunicorn, gunicorn_options

# About the size of the page a trainee's sandbox home sends (8.4 kB, checked by
# tests/bench/test_bare.py): the same bytes to write on the socket.
PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><ul>{% for item in items %}
<li class="item"><a href="/page/{{ loop.index }}">{{ item }}</a> — {{ text }}</li>{% endfor %}</ul></main></body></html>"""
TEXT = "Un compte fictif de formation, sans donnée réelle, pour s'exercer à la double authentification."
ITEMS = [f"Élément {n}" for n in range(50)]


def make_app() -> Flask:
    app = Flask(__name__)
    template = app.jinja_env.from_string(PAGE)  # compiled once, not at each request

    @app.get("/")
    def index():
        return template.render(title="Point de comparaison", items=ITEMS, text=TEXT)

    return app


if __name__ == "__main__":
    port, workers, threads = (int(a) for a in sys.argv[1:4])
    _Gunicorn(make_app(), gunicorn_options("127.0.0.1", port, workers, threads)).run()
