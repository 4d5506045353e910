"""The one row builder writes what SQLAlchemy's column types would write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from core.adapters.rows import sqlite_time
from core.adapters.tables import UtcDateTime


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 28, 15, 30, 1, 123456, tzinfo=UTC),
        datetime(2026, 11, 28, 15, 30, 1, 0, tzinfo=UTC),  # no microseconds
        datetime(2026, 1, 2, 3, 4, 5, 60, tzinfo=timezone(timedelta(hours=-5))),  # not UTC
        datetime(2026, 1, 2, 3, 4, 5, 7),  # naive: taken as UTC
    ],
)
def test_times_are_stored_as_sqlalchemy_stores_them(moment: datetime) -> None:
    """``sqlite_time`` gives the text SQLAlchemy's SQLite dialect writes for a ``UtcDateTime``."""
    dialect = sqlite_dialect.dialect()
    store = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert store is not None
    assert sqlite_time(moment) == store(moment)
