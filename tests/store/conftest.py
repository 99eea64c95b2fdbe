"""What the serving-cost tests share: the SQL a request sends, counted."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

WRITES = ("INSERT", "UPDATE", "DELETE")


class Statements(list):
    """The SQL statements sent while counting, one string each."""

    def writes(self) -> list[str]:
        return [s for s in self if s.lstrip().upper().startswith(WRITES)]

    def touching(self, table: str) -> list[str]:
        return [s for s in self if f"FROM {table}" in s or f"INTO {table}" in s]


@pytest.fixture
def sql(app):
    """``with sql() as statements:`` the statements the block sends, whatever the session."""
    engine = app.extensions["sim.db"].engine

    @contextmanager
    def counting():
        statements = Statements()

        def note(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", note)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", note)

    return counting
