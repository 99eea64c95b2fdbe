"""Migration 0006 moves the sandbox's scalars out of the settings JSON into columns, and its
downgrade puts them back (``check_round_trip`` in tests/helpers.py, shared with the
PostgreSQL run in tests/web/test_postgres.py)."""

from __future__ import annotations

from tests.helpers import check_round_trip


def test_0006_moves_the_settings_into_columns_and_back_on_sqlite(tmp_path):
    check_round_trip(f"sqlite:///{tmp_path / 'at-0005.sqlite'}")
