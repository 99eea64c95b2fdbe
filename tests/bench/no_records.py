"""``python -m tests.bench.no_records serve …``: the simulator with its training records'
writes taken out, the other side of issue 24's cost (the login round trip within 10 % of
what it was before the records).

Everything else is the product as served: the patch is made in gunicorn's master, before it
forks its workers, so they inherit it.
"""

from __future__ import annotations

import sys

from simulator.__main__ import main
from simulator.services import records

records._write = lambda *_args, **_fields: None

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
