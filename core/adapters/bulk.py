"""Bulk registration (the CSV import path) and streaming reads (the CSV export path).

Many ``RegisterBook`` commands go through the bus in ONE transaction: the bulk unit of work's
repository decides duplicates in memory, against the batch itself and against the rows the
database already holds (one ``SELECT`` per batch), and writes the books and the stored
messages with one ``executemany`` per table when the transaction commits.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from core.bus import (
    AsyncAbstractMessageStoreRepository,
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    Message,
    TransactionError,
)
from core.domain.messages import RegisterBook
from core.domain.model import Book, BookId
from core.domain.result import Err, Ok
from core.service.repositories import (
    AbstractBookRepository,
    BookQuery,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
    BookSummary,
)
from core.service.uow import AbstractUnitOfWork

from .catalogue import Catalogue
from .messagestore import _row_values as message_values
from .search import needle, order_by, search_filter
from .tables import BOOKS, MESSAGES, book_values

log = logging.getLogger(__name__)

ROWS_PER_STATEMENT = 2000
"""Books per INSERT statement (8 parameters each: within SQLite's 32,766)."""
_ONLY_ADD = "the bulk unit of work only registers books"
_SUMMARY_COLUMNS = (BOOKS.c.id, BOOKS.c.title, BOOKS.c.author, BOOKS.c.isbn, BOOKS.c.registered_at)


class BulkBookRepository(AbstractBookRepository):
    """New books buffered for one bulk transaction; duplicates are found in memory.

    ``add`` returns ``Err(integrity_error)`` for an id or ISBN already taken, in the database
    (as told by :meth:`mark_taken`) or earlier in the batch. Other operations are refused.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self._isbns: set[str] = set()
        self._ids: set[BookId] = set()

    def mark_taken(self, ids: Iterable[BookId], isbns: Iterable[str]) -> None:
        """Ids and ISBNs the database already holds."""
        self._ids.update(ids)
        self._isbns.update(isbns)

    async def add(
        self, model: Book, registered_at: datetime | None = None
    ) -> BookRepositoryOperationResult:
        """Buffer the book's row; ``Err(integrity_error)`` if its id or ISBN is taken."""
        if model.isbn in self._isbns or model.id in self._ids:
            return Err(BookRepositoryError.integrity_error)
        self._isbns.add(model.isbn)
        self._ids.add(model.id)
        values = book_values(model)
        values["registered_at"] = registered_at
        self.rows.append(values)
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: BookId) -> BookRepositoryResult:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)

    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)

    async def update(self, model: Book) -> BookRepositoryOperationResult:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)

    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)

    async def count_books(self, search: str = "") -> int:
        """Refused: only registrations run in bulk."""
        raise NotImplementedError(_ONLY_ADD)


class BulkMessageStore(AsyncAbstractMessageStoreRepository):
    """Buffers the rows of the stored messages until the bulk transaction commits."""

    def __init__(self, publisher: AsyncEventstreamPublisher | None = None) -> None:
        super().__init__(publisher)
        self.rows: list[dict[str, Any]] = []

    async def _add(self, message: Message[Any]) -> None:
        """Queue the message's row."""
        self.rows.append(message_values(message))


class BulkUnitOfWork(AbstractUnitOfWork):
    """One connection and one transaction for many registrations.

    Call :meth:`prefetch` with the batch's ids and ISBNs before handling its commands; the
    commit writes every buffered book and message (one statement per table), then commits.
    """

    books: BulkBookRepository
    messagestore: BulkMessageStore

    def __init__(self, engine: AsyncEngine, publisher: AsyncEventstreamPublisher | None) -> None:
        self.engine = engine
        self.publisher = publisher
        self.connection: AsyncConnection | None = None

    async def __aenter__(self) -> AsyncUnitOfWorkTransaction[Self]:
        transaction = await super().__aenter__()
        self.books = BulkBookRepository()
        self.messagestore = BulkMessageStore(self.publisher)
        self.connection = await self.engine.connect()
        return transaction

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        finally:
            connection, self.connection = self.connection, None
            if connection is not None:
                await connection.close()

    def _current(self) -> AsyncConnection:
        if self.connection is None:
            raise TransactionError("the unit of work has no transaction in progress")
        return self.connection

    async def prefetch(self, ids: Sequence[UUID], isbns: Sequence[str]) -> None:
        """Read which of these ids and ISBNs the database holds already (one query)."""
        statement = sa.select(BOOKS.c.id, BOOKS.c.isbn).where(
            sa.or_(BOOKS.c.isbn.in_(isbns), BOOKS.c.id.in_(ids))
        )
        rows = (await self._current().execute(statement)).all()
        self.books.mark_taken((row.id for row in rows), (row.isbn for row in rows))

    async def commit(self) -> None:
        """Write the buffered books and messages, then commit."""
        connection = self._current()
        books, messages = _driver_inserts(connection.dialect)
        rows = self.books.rows
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            # One multi-row INSERT, not executemany: SQLite's FTS5 index flushes its pending
            # terms at the end of every statement, which makes executemany ~8x slower.
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            await connection.exec_driver_sql(books.statement(len(chunk)), books.flat(chunk))
        if self.messagestore.rows:
            await connection.exec_driver_sql(
                messages.statement(1), messages.tuples(self.messagestore.rows)
            )
        await connection.commit()

    async def rollback(self) -> None:
        """Forget the buffered rows and roll the connection's transaction back."""
        self.books.rows.clear()
        self.messagestore.rows.clear()
        await self._current().rollback()


class _DriverInsert:
    """An INSERT written for the SQLite driver, with SQLAlchemy's own conversion of each value
    (UUID to text, UTC time, JSON) but without compiling a statement per batch."""

    def __init__(self, table: sa.Table, dialect: Dialect) -> None:
        self.names = [column.key for column in table.columns if column.key != "seq"]
        self.processors = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self.names
        ]
        columns = ", ".join(f'"{table.c[name].name}"' for name in self.names)
        self.head = f'INSERT INTO "{table.name}" ({columns}) VALUES '
        self.one_row = "(" + ", ".join("?" * len(self.names)) + ")"

    @functools.cache  # noqa: B019 - a few sizes per process, instances live as long
    def statement(self, rows: int) -> str:
        """The statement inserting ``rows`` rows."""
        return self.head + ", ".join([self.one_row] * rows)

    def tuples(self, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Each row's converted values, in column order."""
        pairs = list(zip(self.names, self.processors, strict=True))
        return [
            tuple(row[name] if convert is None else convert(row[name]) for name, convert in pairs)
            for row in rows
        ]

    def flat(self, rows: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
        """Every row's converted values, one after the other (for a multi-row statement)."""
        return tuple(value for values in self.tuples(rows) for value in values)


@functools.cache
def _driver_inserts(dialect: Dialect) -> tuple[_DriverInsert, _DriverInsert]:
    return _DriverInsert(BOOKS, dialect), _DriverInsert(MESSAGES, dialect)


async def register_in_bulk(catalogue: Catalogue, commands: Sequence[RegisterBook]) -> list[Any]:
    """Handle every command through the catalogue's bus in one transaction; their results.

    A duplicate is ``Err(integrity_error)`` and the others are kept. If the commit fails
    (another writer took an ISBN meanwhile, or held the database), the batch runs again
    through ``Catalogue.execute_many``, which decides each command on its own; that is also
    the path on PostgreSQL, whose event stream belongs to the SQL unit of work.
    """
    if not commands:
        return []
    if catalogue.engine.dialect.name != "sqlite":
        # PostgreSQL publishes with NOTIFY inside the SQL unit of work's own transaction.
        return await catalogue.execute_many(commands)
    publisher = catalogue.new_uow().publisher  # the catalogue's subscribers get the events
    uow = BulkUnitOfWork(catalogue.engine, publisher)
    bus: AsyncMessageBus[Any] = catalogue.bus  # the same handlers, another unit of work
    try:
        async with uow as tx:
            await uow.prefetch([c.id for c in commands], [c.isbn for c in commands])
            results = [await bus.handle(command, tx) for command in commands]
            await tx.commit()
    except DBAPIError as error:
        log.warning("bulk batch failed (%s); running it command by command", error.orig)
        return await catalogue.execute_many(commands)
    return results


async def stream_books(engine: AsyncEngine, query: BookQuery) -> AsyncIterator[BookSummary]:
    """Every book matching ``query.search`` in ``query``'s order, read in one transaction."""
    dialect = engine.dialect.name
    statement = sa.select(*_SUMMARY_COLUMNS).order_by(*order_by(dialect, query))
    folded = needle(query.search)
    if folded:
        statement = statement.where(search_filter(dialect, folded))
    # A reader: it must not queue behind writers for the write lock (the SQLite locking
    # module honours this execution option; other back-ends ignore it).
    reader = engine.execution_options(sqlite_read_only=True)
    async with reader.connect() as connection:
        result = await connection.stream(statement.execution_options(yield_per=1000))
        async for row in result:
            yield BookSummary(*row)
