"""The writes of one SQL transaction: new rows kept in memory and written together, and the
savepoints that let one command of a batch be undone alone.

New books are not inserted one by one: their rows wait here (the projections complete them,
e.g. with the registration time) and are written at commit, or before anything else writes,
in multi-row statements (SQLite) or COPY (PostgreSQL) — a batch of 2,000 registrations is a
handful of statements. A command's step (``begin_step``) undoes its buffered rows by
forgetting them; only a step that wrote through to the database (an update, a removal) needs
a SAVEPOINT, opened lazily just before that write.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction

from .rows import BOOK_COLUMNS, ISBN, RATED_BOOK_COLUMNS, ROW_TABLES

MAX_PARAMETERS = 32766
"""SQLite's limit on the parameters of one statement."""
COPY_FROM = 64
"""From this many rows on, PostgreSQL gets them by COPY rather than a multi-row INSERT."""


class StepMarks:
    """One command's share of a transaction: where the buffers stood when it began, and its
    SAVEPOINT once it wrote through (``uow.SqlStep`` is one)."""

    books_mark: int
    rows_mark: tuple[int, ...]
    messages_mark: tuple[int, int]
    savepoint: AsyncSessionTransaction | None


class SqlWrites:
    """The buffered writes of one transaction on ``session``."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self.session = session
        self.dialect = dialect
        self.new_books: dict[UUID, list[Any]] = {}
        """Raw rows (``rows.book_row``) of books added and not written yet, by id, in the order
        added."""
        self.new_isbns: dict[str, UUID] = {}
        self.flushed_ids: set[UUID] = set()
        self.flushed_isbns: set[str] = set()
        """Ids and ISBNs of the rows written by :meth:`flush_books` in this transaction."""
        self.new_rows: dict[str, list[Sequence[Any]]] = {table: [] for table in ROW_TABLES}
        """Raw rows of the other tables (tags, sources), written after the books."""
        self._by_book: dict[str, dict[Any, list[Sequence[Any]]]] = {}
        """Per table, its buffered rows by their raw ``book_id`` (:meth:`rows_of_book`); kept
        as rows are added, forgotten when rows leave the buffer."""
        self.hints_stale = False
        """A SAVEPOINT was rolled back: what was written is no longer known here."""
        self.step: StepMarks | None = None

    def add_book(self, book_id: UUID, row: list[Any]) -> None:
        """Keep a new book's raw row until the next flush."""
        self.new_books[book_id] = row
        if row[ISBN]:  # only a non-empty ISBN is unique
            self.new_isbns[row[ISBN]] = book_id

    def forget_books_after(self, mark: int) -> None:
        """Drop the buffered rows added after the first ``mark`` (a step undone)."""
        for book_id in list(itertools.islice(self.new_books, mark, None)):
            self.new_isbns.pop(self.new_books.pop(book_id)[ISBN], None)

    def add_rows(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Keep new raw rows of ``table`` (one of ``rows.ROW_TABLES``) until the next flush."""
        self.new_rows[table].extend(rows)
        index = self._by_book.get(table)
        if index is not None:
            column = ROW_TABLES[table].index("book_id")
            for row in rows:
                index.setdefault(row[column], []).append(row)

    def rows_of_book(self, table: str, raw_book_id: Any) -> list[Sequence[Any]]:
        """The buffered rows of ``table`` whose ``book_id`` is ``raw_book_id`` (its raw form),
        found through an index rather than by reading every buffered row."""
        index = self._by_book.get(table)
        if index is None:
            index = self._by_book[table] = {}
            column = ROW_TABLES[table].index("book_id")
            for row in self.new_rows[table]:
                index.setdefault(row[column], []).append(row)
        return index.get(raw_book_id, [])

    def rows_mark(self) -> tuple[int, ...]:
        """How many rows of each other table are buffered now (for a step)."""
        return tuple(map(len, self.new_rows.values()))

    def forget_rows_after(self, mark: tuple[int, ...]) -> None:
        """Drop the buffered rows of the other tables added after ``mark``."""
        for rows, kept in zip(self.new_rows.values(), mark, strict=True):
            del rows[kept:]
        self._by_book.clear()

    def take_rows(self) -> list[tuple[str, tuple[str, ...], list[Sequence[Any]]]]:
        """The other tables' buffered rows, taken out of the buffer (someone else writes
        them)."""
        taken = [(table, ROW_TABLES[table], rows) for table, rows in self.new_rows.items()]
        self.new_rows = {table: [] for table in ROW_TABLES}
        self._by_book.clear()
        return taken

    async def flush_rows(self, upto: tuple[int, ...] | None = None) -> None:
        """Write the other tables' buffered rows (the first ``upto`` of each, or all)."""
        for number, (table, rows) in enumerate(self.new_rows.items()):
            count = len(rows) if upto is None else upto[number]
            if count:
                written = rows[:count]
                del rows[:count]
                self._by_book.pop(table, None)
                await insert_rows(self.session, self.dialect, table, ROW_TABLES[table], written)

    async def before_write(self) -> None:
        """Write the buffered rows before a statement that writes through; inside a step,
        open its SAVEPOINT first — after the earlier steps' rows, which it must not undo."""
        step = self.step
        if step is not None and step.savepoint is None:
            await self.flush_books(upto=step.books_mark)
            await self.flush_rows(upto=step.rows_mark)
            step.books_mark = 0
            step.rows_mark = (0,) * len(ROW_TABLES)
            step.savepoint = await self.session.begin_nested()
        await self.flush_books()
        await self.flush_rows()

    def take_books(self) -> list[list[Any]]:
        """The buffered rows, taken out of the buffer (someone else writes them)."""
        rows = list(self.new_books.values())
        self.new_books.clear()
        self.new_isbns.clear()
        return rows

    async def flush_books(self, upto: int | None = None) -> None:
        """Write the buffered rows (the first ``upto`` of them, or all)."""
        if not self.new_books:
            return
        ids = list(itertools.islice(self.new_books, upto))
        rows = [self.new_books.pop(book_id) for book_id in ids]
        for row in rows:
            if row[ISBN]:
                del self.new_isbns[row[ISBN]]
                self.flushed_isbns.add(row[ISBN])
        self.flushed_ids.update(ids)
        for columns, group in book_groups(rows):
            await insert_rows(self.session, self.dialect, "books", columns, group)


def book_groups(rows: list[list[Any]]) -> list[tuple[tuple[str, ...], list[list[Any]]]]:
    """New book rows by their columns: most have ``BOOK_COLUMNS``; a book reviewed in its own
    transaction has its tally too (``RATED_BOOK_COLUMNS``)."""
    plain = [row for row in rows if len(row) == len(BOOK_COLUMNS)]
    if len(plain) == len(rows):
        return [(BOOK_COLUMNS, rows)]
    rated = [row for row in rows if len(row) != len(BOOK_COLUMNS)]
    return [(BOOK_COLUMNS, plain), (RATED_BOOK_COLUMNS, rated)]


async def insert_rows(
    session: AsyncSession,
    dialect: str,
    table: str,
    columns: tuple[str, ...],
    raw: Sequence[Sequence[Any]],
) -> None:
    """Insert ``raw`` rows (``rows.book_row``, ``rows.message_row``) into ``table`` in the
    session's transaction."""
    if not raw:
        return
    connection = await session.connection()
    if dialect == "postgresql" and len(raw) >= COPY_FROM:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        if not driver.is_in_transaction():
            await connection.exec_driver_sql("SELECT 1")  # SQLAlchemy begins lazily
        await driver.copy_records_to_table(table, records=raw, columns=columns)
        return
    for statement, parameters in insert_statements(dialect, table, columns, raw):
        await connection.exec_driver_sql(statement, parameters)


def insert_statements(
    dialect: str, table: str, columns: tuple[str, ...], raw: Sequence[Sequence[Any]]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Multi-row INSERTs of the raw rows, each within SQLite's limit on parameters."""
    per_statement = MAX_PARAMETERS // len(columns)
    for start in range(0, len(raw), per_statement):
        chunk = raw[start : start + per_statement]
        flat = tuple(itertools.chain.from_iterable(chunk))
        yield multi_row_insert(dialect, table, columns, len(chunk)), flat


@functools.lru_cache(maxsize=128)
def multi_row_insert(dialect: str, table: str, columns: tuple[str, ...], rows: int) -> str:
    """The statement inserting ``rows`` rows of ``columns`` into ``table``."""
    # Multi-row, not executemany: SQLite's FTS5 index flushes its pending terms at the end of
    # every statement (executemany is ~8x slower on books).
    if dialect == "postgresql":
        numbers = itertools.count(1)
        marks = ", ".join(
            "(" + ", ".join(f"${next(numbers)}" for _ in columns) + ")" for _ in range(rows)
        )
    else:
        marks = ", ".join(["(" + ", ".join("?" * len(columns)) + ")"] * rows)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {marks}"
