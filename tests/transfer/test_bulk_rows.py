"""The bulk path writes raw SQLite rows: they must equal what the SQL unit of work writes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lastuuid.dummies import uuidgen
from sqlalchemy.dialects import sqlite as sqlite_dialect

from core.adapters.bulk import register_in_bulk
from core.adapters.bulk_rows import sqlite_time
from core.adapters.tables import UtcDateTime
from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook
from core.domain.result import Ok

BOOKS = [
    RegisterBook(id=uuidgen(1), title="Dune", author="Frank Herbert", isbn="9780441013593"),
    RegisterBook(
        id=uuidgen(2),
        title="Le Petit Prince ÉTÉ ﬁn",
        author="Antoine de Saint-Exupéry",
        isbn="978-2-07-061275-8",
    ),
    RegisterBook(
        id=uuidgen(3), title="שלום 'quoted' \"x\"", author="Ἀριστοτέλης", isbn="0-8044-2957-X"
    ),
]


def _rows(catalogue: Catalogue) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    database = catalogue.engine.url.database
    assert database is not None
    with closing(sqlite3.connect(database)) as raw:
        books = raw.execute(
            "SELECT id, title, author, isbn, title_key, author_key, search_text, registered_at"
            " FROM books ORDER BY id"
        ).fetchall()
        messages = raw.execute(
            "SELECT type, metadata, payload, id, created_at FROM messages ORDER BY type, payload"
        ).fetchall()
    return books, messages


def _same_form(stored: object, other: object) -> None:
    """Two stored UUIDs or times: the same text form (length and separators)."""
    assert isinstance(stored, str)
    assert isinstance(other, str)
    assert len(stored) == len(other)
    assert [c for c in stored if not c.isalnum()] == [c for c in other if not c.isalnum()]


@pytest.fixture
async def two_catalogues(tmp_path: Path) -> tuple[Catalogue, Catalogue]:
    """The same books registered one by one in a catalogue and in bulk in another."""
    async with (
        open_catalogue(tmp_path / "single.sqlite3") as single,
        open_catalogue(tmp_path / "bulk.sqlite3") as bulk,
    ):
        for command in BOOKS:
            assert await single.execute(command) == Ok(...)
        assert await register_in_bulk(bulk, BOOKS) == [Ok(...)] * len(BOOKS)
        yield single, bulk


async def test_bulk_book_rows_equal_single_registrations(
    two_catalogues: tuple[Catalogue, Catalogue],
) -> None:
    """Every column of every book, accents and other scripts included, is the same text;
    the registration times have the same stored form."""
    (single_books, _), (bulk_books, _) = (_rows(c) for c in two_catalogues)
    assert [row[:7] for row in bulk_books] == [row[:7] for row in single_books]
    for single_row, bulk_row in zip(single_books, bulk_books, strict=True):
        _same_form(single_row[7], bulk_row[7])
        assert datetime.fromisoformat(str(bulk_row[7]))


async def test_bulk_message_rows_equal_single_registrations(
    two_catalogues: tuple[Catalogue, Catalogue],
) -> None:
    """Type, metadata and payload of each stored message are the same text; ids and times
    have the same stored form."""
    (_, single_messages), (_, bulk_messages) = (_rows(c) for c in two_catalogues)
    assert [row[:3] for row in bulk_messages] == [row[:3] for row in single_messages]
    for single_row, bulk_row in zip(single_messages, bulk_messages, strict=True):
        _same_form(single_row[3], bulk_row[3])
        _same_form(single_row[4], bulk_row[4])


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 28, 15, 30, 1, 123456, tzinfo=UTC),
        datetime(2026, 11, 28, 15, 30, 1, 0, tzinfo=UTC),  # no microseconds
        datetime(2026, 1, 2, 3, 4, 5, 60, tzinfo=timezone(timedelta(hours=-5))),  # not UTC
        datetime(2026, 1, 2, 3, 4, 5, 7),  # naive: taken as UTC
    ],
)
def test_bulk_times_are_stored_as_sqlalchemy_stores_them(moment: datetime) -> None:
    """``sqlite_time`` gives the text SQLAlchemy's SQLite dialect writes for a ``UtcDateTime``."""
    dialect = sqlite_dialect.dialect()
    store = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert store is not None
    assert sqlite_time(moment) == store(moment)
