"""The bare endpoint ``make bench`` compares the simulator with: Flask rendering a small
template, under the very gunicorn settings ``python -m simulator serve`` uses.

    python -m tests.bench.bare PORT WORKERS THREADS
"""

from __future__ import annotations

import sys

from flask import Flask, render_template_string

from simulator.__main__ import _Gunicorn, gunicorn_options

PAGE = """<!doctype html><html lang="fr"><head><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul></main></body></html>"""


def make_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def index():
        return render_template_string(
            PAGE, title="Point de comparaison", items=["un", "deux", "trois"]
        )

    return app


if __name__ == "__main__":
    port, workers, threads = (int(a) for a in sys.argv[1:4])
    _Gunicorn(make_app(), gunicorn_options("127.0.0.1", port, workers, threads)).run()
