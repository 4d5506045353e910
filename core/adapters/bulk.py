"""Bulk registration (the CSV import path) and streaming reads (the CSV export path).

Many ``RegisterBook`` commands go through the bus in ONE transaction: the bulk unit of work's
repository decides duplicates in memory, against the batch itself and against the rows the
database already holds (one ``SELECT`` per batch), and writes the books (multi-row INSERTs)
and the stored messages (one ``executemany``) and commits in ONE call on aiosqlite's thread.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from core.bus import (
    AsyncAbstractMessageStoreRepository,
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    EventstreamDeliveryError,
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

from .bulk_rows import BOOK_COLUMNS, MESSAGE_COLUMNS, book_row, message_row
from .catalogue import Catalogue
from .messagestore import json_text
from .search import needle, order_by, search_filter
from .tables import BOOKS

log = logging.getLogger(__name__)

type WhileWriting = Callable[[], Awaitable[None]]
"""Work run on the event loop while SQLite writes a batch; it must not raise."""

CACHE_KIB = 65536
BULK_AUTOCHECKPOINT = 10000
"""WAL pages between checkpoints while a bulk batch commits (40 MB): checkpointing every
1,000 pages (the default, restored afterwards) doubles the cost of a large batch's commit."""
DEFAULT_AUTOCHECKPOINT = 1000
MAX_PARAMETERS = 32766
"""SQLite's limit on the parameters of one statement."""
HANDLE_SLICE = 250
"""Commands handled between two yields to the event loop (a few ms: the window repaints)."""
WRITE_AHEAD = 1000
"""Commands handled between two writes started ahead on SQLite's thread: fewer, larger
statements cost SQLite less (≈19 µs a book at 2,000 rows, ≈21 at 1,000, ≈26 at 500), but
the first write waits for them."""
PUBLISH_SLICE = 500
"""Events published between two yields to the event loop after a batch commits."""
_ONLY_ADD = "the bulk unit of work only registers books"
_TAKEN = (
    "SELECT id, isbn FROM books WHERE isbn IN (SELECT value FROM json_each(?))"
    " UNION SELECT id, isbn FROM books WHERE id IN (SELECT value FROM json_each(?))"
)
_SUMMARY_COLUMNS = (BOOKS.c.id, BOOKS.c.title, BOOKS.c.author, BOOKS.c.isbn, BOOKS.c.registered_at)


class BulkBookRepository(AbstractBookRepository):
    """New books buffered for one bulk transaction; duplicates are found in memory.

    ``add`` returns ``Err(integrity_error)`` for an id or ISBN already taken, in the database
    (as told by :meth:`mark_taken`) or earlier in the batch. Other operations are refused.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[Any, ...]] = []
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
        self.rows.append(book_row(model, registered_at))
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
        self.rows: list[tuple[Any, ...]] = []

    async def _add(self, message: Message[Any]) -> None:
        """Queue the message's row."""
        self.rows.append(message_row(message))

    async def publish_eventstream(self) -> None:
        """Send the buffered messages in order, yielding to the event loop every
        ``PUBLISH_SLICE`` (a batch's subscribers would otherwise hold the window for long).

        Raises ``EventstreamDeliveryError`` if any could not be sent; the rest were still sent.
        """
        buffered, self.stream_buffer = self.stream_buffer, []
        if self.publisher is None:
            return
        failures: list[tuple[Message[Any], BaseException]] = []
        for start in range(0, len(buffered), PUBLISH_SLICE):
            if start:
                await asyncio.sleep(0)
            try:
                await self.publisher.send_messages(buffered[start : start + PUBLISH_SLICE])
            except EventstreamDeliveryError as error:
                failures.extend(error.failures)
        if failures:
            raise EventstreamDeliveryError(failures)


class BulkUnitOfWork(AbstractUnitOfWork):
    """One connection and one transaction for many registrations.

    Call :meth:`prefetch` with the batch's ids and ISBNs before handling its commands, and
    :meth:`write_ahead` now and then while handling them: SQLite inserts the rows buffered so
    far on its own thread (inside the transaction) while the event loop handles the next
    ones. The commit writes the rest and commits.
    """

    books: BulkBookRepository
    messagestore: BulkMessageStore

    def __init__(self, engine: AsyncEngine, publisher: AsyncEventstreamPublisher | None) -> None:
        self.engine = engine
        self.publisher = publisher
        self.connection: AsyncConnection | None = None
        self.while_writing: WhileWriting | None = None
        """Work for the event loop while the commit's SQL runs (e.g. the next batch)."""
        self._driver: Any = None
        self._writing: list[asyncio.Future[None]] = []

    async def start_transaction(self) -> None:
        """Fresh in-memory repositories, and a connection tuned for large batches (its
        transaction holds the write lock: see ``sqlite_locking``)."""
        self.books = BulkBookRepository()
        self.messagestore = BulkMessageStore(self.publisher)
        self.connection = connection = await self.engine.connect()
        await connection.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
        await connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BULK_AUTOCHECKPOINT}")
        self._driver = (await connection.get_raw_connection()).driver_connection

    async def end_transaction(self) -> None:
        """Give the connection back to the pool with the default checkpoint interval."""
        connection, self.connection = self.connection, None
        if connection is not None:
            await _restore_and_close(connection)

    def _current(self) -> AsyncConnection:
        if self.connection is None:
            raise TransactionError("the unit of work has no transaction in progress")
        return self.connection

    async def _on_sqlite_thread[R](self, function: Callable[..., R], *args: Any) -> R:
        """``function(sqlite3_connection, *args)`` on aiosqlite's thread; its result."""
        # Raw sqlite3 work in ONE call on aiosqlite's thread: every round trip makes that
        # thread wait for the GIL behind the busy event loop. aiosqlite (0.22) has no public
        # call for this: ``_execute`` runs a function on its thread and ``_conn`` is its
        # sqlite3 connection (tests/transfer cover this path).
        self._current()
        driver = self._driver
        try:
            return await driver._execute(function, driver._conn, *args)  # type: ignore[no-any-return]
        except sqlite3.Error as error:
            raise DBAPIError(function.__name__, None, error) from error

    async def prefetch(self, ids: Sequence[UUID], isbns: Sequence[str]) -> None:
        """Read which of these ids and ISBNs the database holds already (one query)."""
        hexes = json_text([id.hex for id in ids])
        rows = await self._on_sqlite_thread(_taken, hexes, json_text(list(isbns)))
        self.books.mark_taken((UUID(hex=id) for id, _ in rows), (isbn for _, isbn in rows))

    def write_ahead(self) -> None:
        """Start inserting the rows buffered so far (not committing them) on SQLite's thread;
        the event loop goes on meanwhile. :meth:`commit` and :meth:`rollback` wait for it."""
        books, self.books.rows = self.books.rows, []
        messages, self.messagestore.rows = self.messagestore.rows, []
        if books or messages:
            write = self._on_sqlite_thread(_insert_batch, books, messages)
            self._writing.append(asyncio.ensure_future(write))

    async def _written(self) -> None:
        """Wait for every write started ahead; raise the first one's error."""
        writing, self._writing = self._writing, []
        outcomes = await asyncio.gather(*writing, return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome

    async def commit(self) -> None:
        """Write the rest of the buffered books and messages and commit, running
        ``while_writing`` (if set) on the event loop meanwhile: SQLite works in its thread."""
        self.write_ahead()
        write = asyncio.ensure_future(self._commit())
        try:
            if self.while_writing is not None:
                await self.while_writing()
        finally:
            await write

    async def _commit(self) -> None:
        await self._written()
        await self._on_sqlite_thread(_commit_database)
        await self._current().commit()  # ends SQLAlchemy's transaction (SQLite's is committed)

    async def rollback(self) -> None:
        """Forget the buffered rows, wait for the writes started ahead, and roll the
        connection's transaction back (the rows they inserted with it)."""
        self.books.rows.clear()
        self.messagestore.rows.clear()
        try:
            await self._written()
        except Exception as error:  # what they wrote is rolled back below all the same
            log.debug("a bulk write failed before the rollback: %s", error)
        await self._current().rollback()


def _taken(database: sqlite3.Connection, ids: str, isbns: str) -> list[tuple[str, str]]:
    """The (id hex, ISBN) of the books holding one of these ids or ISBNs (JSON arrays)."""
    return database.execute(_TAKEN, (isbns, ids)).fetchall()


def _insert_batch(
    database: sqlite3.Connection, books: list[tuple[Any, ...]], messages: list[tuple[Any, ...]]
) -> None:
    """Insert the books and messages (runs on aiosqlite's thread)."""
    _insert_rows(database, "books", BOOK_COLUMNS, books)
    _insert_rows(database, "messages", MESSAGE_COLUMNS, messages)


def _commit_database(database: sqlite3.Connection) -> None:
    database.commit()


def _insert_rows(
    database: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    # Multi-row INSERTs, not executemany: SQLite's FTS5 index flushes its pending terms at
    # the end of every statement (executemany is ~8x slower on books), and each statement
    # runs without Python's GIL, which the busy event loop would make it wait for per row.
    per_statement = MAX_PARAMETERS // len(columns)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        flat = tuple(itertools.chain.from_iterable(chunk))
        database.execute(_insert(table, columns, len(chunk)), flat)


async def _restore_and_close(connection: AsyncConnection) -> None:
    """Give the pooled connection back with the default checkpoint interval."""
    try:
        await connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={DEFAULT_AUTOCHECKPOINT}")
    finally:
        await connection.close()


@functools.cache
def _insert(table: str, columns: tuple[str, ...], rows: int) -> str:
    """The statement inserting ``rows`` rows of ``columns`` into ``table``."""
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([marks] * rows)


async def register_in_bulk(
    catalogue: Catalogue,
    commands: Sequence[RegisterBook],
    while_writing: WhileWriting | None = None,
) -> list[Any]:
    """Handle every command through the catalogue's bus in one transaction; their results.

    ``while_writing`` (which must not raise) is awaited once, while SQLite writes the batch
    where it can (so that the caller can prepare its next batch meanwhile), else at the end.

    A duplicate is ``Err(integrity_error)`` and the others are kept. If the commit fails
    (another writer took an ISBN meanwhile, or held the database), the batch runs again
    through ``Catalogue.execute_many``, which decides each command on its own; that is also
    the path on PostgreSQL, whose event stream belongs to the SQL unit of work.
    """
    once = _Once(while_writing)
    try:
        return await _register(catalogue, commands, once)
    finally:
        await once()


async def _register(
    catalogue: Catalogue, commands: Sequence[RegisterBook], while_writing: WhileWriting
) -> list[Any]:
    if not commands:
        return []
    if catalogue.engine.dialect.name != "sqlite":
        # PostgreSQL publishes with NOTIFY inside the SQL unit of work's own transaction.
        return await catalogue.execute_many(commands)
    publisher = catalogue.new_uow().publisher  # the catalogue's subscribers get the events
    uow = BulkUnitOfWork(catalogue.engine, publisher)
    uow.while_writing = while_writing
    bus: AsyncMessageBus[Any] = catalogue.bus  # the same handlers, another unit of work
    try:
        async with uow as tx:
            await uow.prefetch([c.id for c in commands], [c.isbn for c in commands])
            results = await _handle_all(bus, tx, commands)
            await tx.commit()
    except DBAPIError as error:
        log.warning("bulk batch failed (%s); running it command by command", error.orig)
        return await catalogue.execute_many(commands)
    return results


async def _handle_all(
    bus: AsyncMessageBus[Any],
    tx: AsyncUnitOfWorkTransaction[BulkUnitOfWork],
    commands: Sequence[RegisterBook],
) -> list[Any]:
    """Every command's result, yielding to the event loop every ``HANDLE_SLICE`` commands and
    writing ahead every ``WRITE_AHEAD``."""
    results: list[Any] = []
    for start in range(0, len(commands), HANDLE_SLICE):
        if start:
            if start % WRITE_AHEAD == 0:
                tx.uow.write_ahead()
            await asyncio.sleep(0)
        results.extend([await bus.handle(c, tx) for c in commands[start : start + HANDLE_SLICE]])
    return results


class _Once:
    """Awaits the wrapped function the first time it is called, then does nothing."""

    def __init__(self, function: WhileWriting | None) -> None:
        self.function = function

    async def __call__(self) -> None:
        function, self.function = self.function, None
        if function is not None:
            await function()


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
