"""The suite's replays are shared by sending the tests of one walkthrough to one pytest-xdist
worker (``--dist loadgroup`` and the ``xdist_group`` marks): captures and axe, keyboard and
reflow, the mutation checks' baseline. pytest 9.2 with pytest-xdist 3.8 ignores the marks
without a word (the group is written to an attribute pytest no longer reads), and every test
of a pair replays on its own: about 100 s more per run. This fails when a version pair does
that again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAIRS = """
import os
from pathlib import Path

import pytest

GROUPS = [pytest.param(n, id=f"p{n}", marks=pytest.mark.xdist_group(f"g{n}")) for n in range(4)]


def _note(group, test):
    Path(__file__).with_name(f"{group}-{test}").write_text(os.environ["PYTEST_XDIST_WORKER"])


@pytest.mark.parametrize("group", GROUPS)
def test_first(group):
    _note(group, "first")


@pytest.mark.parametrize("group", GROUPS)
def test_second(group):
    _note(group, "second")
"""


def test_the_tests_of_one_group_run_in_one_worker(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_pairs.py").write_text(PAIRS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2"]
        + ["--dist", "loadgroup", "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workers = {
        n: {(tmp_path / f"{n}-{test}").read_text() for test in ("first", "second")}
        for n in range(4)
    }
    assert all(len(ran_in) == 1 for ran_in in workers.values()), workers
