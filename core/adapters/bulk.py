"""Bulk registration (the CSV import path) and streaming reads (the CSV export path).

Many ``RegisterBook`` commands go through the bus in ONE transaction: the bulk unit of work's
repository decides duplicates in memory, against the batch itself and against the rows the
database already holds (one ``SELECT`` per batch), and writes the books and the stored
messages with one ``executemany`` per table when the transaction commits.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import sqlalchemy as sa
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
from .messagestore import message_row_values
from .search import needle, order_by, search_filter
from .tables import BOOKS, SEARCH_SEPARATOR, fold

log = logging.getLogger(__name__)

type WhileWriting = Callable[[], Awaitable[None]]
"""Work run on the event loop while SQLite writes a batch; it must not raise."""

CACHE_KIB = 65536
ROWS_PER_STATEMENT = 2000
"""Books per INSERT statement (8 parameters each: within SQLite's 32,766)."""
BOOK_COLUMNS = (
    "id",
    "title",
    "author",
    "isbn",
    "registered_at",
    "title_key",
    "author_key",
    "search_text",
)
"""The columns of :func:`book_row`, in order."""
MESSAGE_COLUMNS = ("id", "created_at", "type", "metadata", "payload")
"""The columns of :func:`message_row`, in order."""
_MESSAGES_INSERT = (
    f"INSERT INTO messages ({', '.join(MESSAGE_COLUMNS)}) VALUES "
    f"({', '.join('?' * len(MESSAGE_COLUMNS))})"
)
_ONLY_ADD = "the bulk unit of work only registers books"
_SUMMARY_COLUMNS = (BOOKS.c.id, BOOKS.c.title, BOOKS.c.author, BOOKS.c.isbn, BOOKS.c.registered_at)


def sqlite_time(moment: datetime | None) -> str | None:
    """A time as SQLAlchemy stores ``UtcDateTime`` on SQLite (UTC, no zone, microseconds)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}"
    )


def book_row(book: Book, registered_at: datetime | None) -> tuple[Any, ...]:
    """The SQLite row of ``book`` in ``BOOK_COLUMNS`` order: the values of ``book_values``
    converted as SQLAlchemy would (id as hex, UTC time as text), computed more cheaply."""
    title, author, isbn = book.title, book.author, book.isbn
    search = SEARCH_SEPARATOR.join((fold(title), fold(author), isbn))
    moment = sqlite_time(registered_at)
    return (book.id.hex, title, author, isbn, moment, title.casefold(), author.casefold(), search)


_METADATA_JSON: dict[int, tuple[object, str]] = {}


def message_row(message: Message[Any]) -> tuple[Any, ...]:
    """The SQLite row of ``message`` in ``MESSAGE_COLUMNS`` order: ``message_row_values``
    converted as SQLAlchemy would (JSON text, id as hex, UTC time as text)."""
    values = message_row_values(message)
    metadata = message.metadata
    cached = _METADATA_JSON.get(id(metadata))
    if cached is None or cached[0] is not metadata:  # metadata is frozen: one text per object
        cached = _METADATA_JSON[id(metadata)] = (metadata, json.dumps(values["metadata"]))
    return (
        values["id"].hex,
        sqlite_time(values["created_at"]),
        values["type"],
        cached[1],
        json.dumps(values["payload"]),
    )


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
        self.while_writing: WhileWriting | None = None
        """Work for the event loop while the commit's SQL runs (e.g. the next batch)."""

    async def __aenter__(self) -> AsyncUnitOfWorkTransaction[Self]:
        transaction = await super().__aenter__()
        self.books = BulkBookRepository()
        self.messagestore = BulkMessageStore(self.publisher)
        self.connection = await self.engine.connect()
        await self.connection.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
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
        """Write the buffered books and messages and commit, running ``while_writing`` (if
        set) on the event loop meanwhile: SQLite works in its own thread."""
        write = asyncio.ensure_future(self._write(self._current()))
        try:
            if self.while_writing is not None:
                await self.while_writing()
        finally:
            await write

    async def _write(self, connection: AsyncConnection) -> None:
        rows = self.books.rows
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            # One multi-row INSERT, not executemany: SQLite's FTS5 index flushes its pending
            # terms at the end of every statement, which makes executemany ~8x slower.
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            flat = tuple(itertools.chain.from_iterable(chunk))
            await connection.exec_driver_sql(_books_insert(len(chunk)), flat)
        if self.messagestore.rows:
            await connection.exec_driver_sql(_MESSAGES_INSERT, self.messagestore.rows)
        await connection.commit()

    async def rollback(self) -> None:
        """Forget the buffered rows and roll the connection's transaction back."""
        self.books.rows.clear()
        self.messagestore.rows.clear()
        await self._current().rollback()


@functools.cache
def _books_insert(rows: int) -> str:
    """The statement inserting ``rows`` books (``BOOK_COLUMNS``)."""
    marks = "(" + ", ".join("?" * len(BOOK_COLUMNS)) + ")"
    return f"INSERT INTO books ({', '.join(BOOK_COLUMNS)}) VALUES " + ", ".join([marks] * rows)


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
            results = [await bus.handle(command, tx) for command in commands]
            await tx.commit()
    except DBAPIError as error:
        log.warning("bulk batch failed (%s); running it command by command", error.orig)
        return await catalogue.execute_many(commands)
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
