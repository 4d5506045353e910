"""Bulk registration (the CSV import path) and streaming reads (the CSV export path).

Many ``RegisterBook`` commands go through the bus in ONE transaction (a batch): the bulk unit
of work's repository decides duplicates in memory, and SQLite writes the rows (multi-row
INSERTs) on a thread and a connection of its own while the event loop handles the rest of the
batch, then commits the batch while the event loop handles the next one
(:class:`BulkRegistration`).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import itertools
import logging
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from core.bus import (
    AsyncAbstractMessageStoreRepository,
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    EventstreamDeliveryError,
    Message,
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
from .catalogue import Catalogue, CatalogueBusyError, is_busy_error
from .engine import SQLITE_PRAGMAS
from .messagestore import json_text
from .search import needle, order_by, search_filter
from .tables import BOOKS

log = logging.getLogger(__name__)

CACHE_KIB = 65536
CHECKPOINT = 10000
"""WAL pages between checkpoints of the bulk writer (40 MB): checkpointing every 1,000 pages
(SQLite's default) doubles the cost of a large batch's commit."""
SWITCH_INTERVAL_S = 0.0005
"""Python's thread switch interval while a bulk registration runs (5 ms by default). SQLite's
thread takes the GIL for a moment before and after each statement; behind the busy event
loop it waited up to the whole interval each time (its calls took 2.5 times their CPU
time, and it fell behind the event loop)."""
GC_YOUNG_THRESHOLD = 20_000
"""Allocations between two young-generation collections while a bulk registration runs
(2,000 by default): a batch keeps tens of thousands of objects alive for a while, and the
collector kept scanning them; it took 5.8 µs a book, and 1.6 with this threshold. The objects
from before the registration are also frozen meanwhile (``gc.freeze``): a full collection in
the middle of an import paused the window for up to 67 ms scanning them."""
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
_QUERY_ONLY = "PRAGMA query_only=ON"
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
    """One batch of registrations: one transaction of the bulk writer's connection.

    Its repositories are in memory. :meth:`write_ahead` (called now and then while the batch
    is handled) has SQLite insert the rows buffered so far on the writer's thread, inside the
    batch's transaction, while the event loop handles the next ones; :meth:`commit` writes the
    rest and commits, then waits for the batch before it (``after``) so that events are
    published in commit order.
    """

    books: BulkBookRepository
    messagestore: BulkMessageStore

    def __init__(
        self,
        writer: SqliteThread,
        state: WriterState,
        publisher: AsyncEventstreamPublisher | None,
        after: asyncio.Future[Any] | None = None,
        taken: Iterable[tuple[Iterable[BookId], Iterable[str]]] = (),
    ) -> None:
        self.writer = writer
        self.publisher = publisher
        self.after = after
        self.taken = list(taken)
        """Ids and ISBNs known to be taken before the batch is handled."""
        self._batch = _BatchTransaction(state)
        self._writing: list[asyncio.Future[None]] = []

    async def start_transaction(self) -> None:
        """Fresh in-memory repositories (SQLite's transaction begins with the first write)."""
        self.books = BulkBookRepository()
        for ids, isbns in self.taken:
            self.books.mark_taken(ids, isbns)
        self.messagestore = BulkMessageStore(self.publisher)

    def write_ahead(self, commit: bool = False) -> None:
        """Queue the rows buffered so far for SQLite's thread (and the commit if ``commit``);
        the event loop goes on meanwhile. :meth:`commit` and :meth:`rollback` wait for it."""
        books, self.books.rows = self.books.rows, []
        messages, self.messagestore.rows = self.messagestore.rows, []
        if books or messages or commit:
            self._writing.append(self.writer.call(_write, self._batch, books, messages, commit))

    async def _written(self) -> None:
        """Wait for every write queued; raise the first one's error."""
        writing, self._writing = self._writing, []
        outcomes = await asyncio.gather(*writing, return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome

    async def commit(self) -> None:
        """Write the rest of the buffered rows and commit; then wait for the batch before."""
        self.write_ahead(commit=True)
        await self._written()
        if self.after is not None:
            await asyncio.wait([self.after])

    async def rollback(self) -> None:
        """Forget the buffered rows and roll back what the queued writes inserted."""
        self.books.rows.clear()
        self.messagestore.rows.clear()
        self._writing.append(self.writer.call(_rollback, self._batch))
        try:
            await self._written()
        except Exception as error:  # what they wrote is rolled back all the same
            log.debug("a bulk write failed before the rollback: %s", error)


class SqliteThread:
    """A ``sqlite3`` connection of its own on a thread of its own: calls run there one at a
    time, in the order they were made, each without a round trip through the event loop.

    The connection is in autocommit mode: transactions are begun and ended explicitly.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-sqlite")
        self._connection: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, path: str, pragmas: Sequence[str]) -> SqliteThread:
        """A thread with a connection to the database file at ``path``, set up by ``pragmas``."""
        thread = cls()
        try:
            await asyncio.wrap_future(thread._executor.submit(thread._connect, path, pragmas))
        except BaseException:
            thread._executor.shutdown(wait=False)
            raise
        return thread

    def _connect(self, path: str, pragmas: Sequence[str]) -> None:
        try:
            connection = sqlite3.connect(path, autocommit=True)
        except sqlite3.Error as error:
            raise DBAPIError("connect", None, error) from error
        self._connection = connection
        try:
            self._run(_setup, (pragmas,))
        except BaseException:
            connection.close()
            raise

    def call[R](self, function: Callable[..., R], *args: Any) -> asyncio.Future[R]:
        """``function(connection, *args)`` on the thread, after every call made before; a
        ``sqlite3`` error comes back as SQLAlchemy's ``DBAPIError``. A call once made runs:
        cancelling the future does not take it off the queue (a batch's later write would
        otherwise run without an earlier one)."""
        return asyncio.shield(asyncio.wrap_future(self._executor.submit(self._run, function, args)))

    def _run[R](self, function: Callable[..., R], args: tuple[Any, ...]) -> R:
        try:
            return function(self._connection, *args)
        except sqlite3.Error as error:
            raise DBAPIError(function.__name__, None, error) from error

    async def close(self) -> None:
        """Close the connection once the calls made before are done; end the thread."""
        try:
            await self.call(_close)
        finally:
            self._executor.shutdown(wait=False)


@dataclass(slots=True)
class WriterState:
    """What SQLite's thread knows of the bulk writer's connection (touched only there)."""

    failed: bool = False
    """A batch failed: every later batch is refused (and runs command by command)."""


@dataclass(slots=True)
class _BatchTransaction:
    """A batch's transaction as SQLite's thread sees it (touched only there)."""

    writer: WriterState
    open: bool = False
    """Its transaction is the connection's current one."""
    refused: bool = False
    """It failed, or a batch before it did: nothing more of it is written."""


_REFUSED = "not written: an earlier write of this import failed"


def _setup(database: sqlite3.Connection, pragmas: Sequence[str]) -> None:
    for pragma in pragmas:
        database.execute(pragma)


def _close(database: sqlite3.Connection) -> None:
    database.close()


def _taken(database: sqlite3.Connection, ids: str, isbns: str) -> list[tuple[str, str]]:
    """The (id hex, ISBN) of the books holding one of these ids or ISBNs (JSON arrays)."""
    return database.execute(_TAKEN, (isbns, ids)).fetchall()


def _write(
    database: sqlite3.Connection,
    batch: _BatchTransaction,
    books: list[tuple[Any, ...]],
    messages: list[tuple[Any, ...]],
    commit: bool,
) -> None:
    """Insert rows of ``batch`` in its transaction (begun by the first write), and commit it
    if ``commit``. After a failure the connection refuses every later batch: they run
    command by command (``BulkRegistration``), in order, behind the failed one."""
    # A batch whose first write comes after another batch failed is refused whole.
    if batch.refused or (not batch.open and batch.writer.failed):
        batch.refused = True
        raise sqlite3.OperationalError(_REFUSED)
    try:
        if not batch.open:
            database.execute("BEGIN IMMEDIATE")  # waits up to busy_timeout for other writers
            batch.open = True
        _insert_rows(database, "books", BOOK_COLUMNS, books)
        _insert_rows(database, "messages", MESSAGE_COLUMNS, messages)
        if commit:
            database.execute("COMMIT")
            batch.open = False
    except sqlite3.Error:
        batch.writer.failed = True
        _rollback(database, batch)
        raise


def _rollback(database: sqlite3.Connection, batch: _BatchTransaction) -> None:
    batch.refused = True
    if batch.open:
        batch.open = False
        if database.in_transaction:
            database.execute("ROLLBACK")


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


@functools.cache
def _insert(table: str, columns: tuple[str, ...], rows: int) -> str:
    """The statement inserting ``rows`` rows of ``columns`` into ``table``."""
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([marks] * rows)


class EarlierBatchFailedError(RuntimeError):
    """A batch was not written because a batch submitted before it failed."""

    def __init__(self) -> None:
        super().__init__("not written: an earlier batch failed")


class BulkRegistration:
    """Batches of ``RegisterBook`` commands through a catalogue's bus, one transaction each,
    written by a SQLite connection of their own: :meth:`submit` a batch, then the next.

    ``submit`` returns once the batch is handled, with a future that gives its results once
    it is committed and its events are published; while SQLite writes and commits a batch on
    its thread, the event loop handles the next one. Batches commit and publish in the order
    they were submitted, and none is written after one that failed. Use it as an async context
    manager: leaving waits for every batch submitted.

    Duplicates are decided in memory (``BulkBookRepository``), against the batch, the books
    the database holds (one query per batch, on a second connection that only reads) and the
    batches still being written. If SQLite refuses a batch anyway (another program took one of
    its ISBNs meanwhile), that batch and every later one run command by command through
    ``Catalogue.execute_many``, which decides each command on its own; that is also the path
    of PostgreSQL, whose events travel by NOTIFY inside the SQL unit of work. A database that
    another program holds past the busy timeout raises ``CatalogueBusyError``.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._writer: SqliteThread | None = None
        self._reader: SqliteThread | None = None
        self._state = WriterState()
        self._batches: list[asyncio.Task[list[Any]]] = []
        """Every batch submitted, in order."""
        self._unwritten: list[tuple[list[BookId], list[str]]] = []
        """The ids and ISBNs of the batches submitted and not yet committed."""
        self._submitting = asyncio.Lock()
        self._tuning = ExitStack()

    async def __aenter__(self) -> Self:
        path = _database_file(self.catalogue.engine)
        if path is None:
            return self
        self._tuning.enter_context(_tuned_for_bulk())
        for_batches = (f"PRAGMA cache_size=-{CACHE_KIB}", f"PRAGMA wal_autocheckpoint={CHECKPOINT}")
        try:
            self._writer = await SqliteThread.open(path, (*SQLITE_PRAGMAS, *for_batches))
            self._reader = await SqliteThread.open(path, (*SQLITE_PRAGMAS, _QUERY_ONLY))
        except BaseException:
            await self._close()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        batches, self._batches = self._batches, []
        try:
            if batches:
                await asyncio.wait(batches)  # their outcomes went to whoever submitted them
        finally:
            await self._close()

    async def _close(self) -> None:
        threads = [thread for thread in (self._writer, self._reader) if thread is not None]
        self._writer = self._reader = None
        try:
            closed = await asyncio.gather(*(t.close() for t in threads), return_exceptions=True)
            for outcome in closed:
                if isinstance(outcome, BaseException):
                    raise outcome
        finally:
            self._tuning.close()

    async def submit(self, commands: Sequence[RegisterBook]) -> asyncio.Future[list[Any]]:
        """Handle ``commands`` through the bus; the future of their results, in order.

        A duplicate is ``Err(integrity_error)`` and the others are kept. The future raises if
        the batch could not be written, and then no later batch is written
        (:class:`EarlierBatchFailedError`). Cancelling the future does not stop the batch.
        Calls run one at a time.
        """
        async with self._submitting:
            writer, reader = self._writer, self._reader
            if writer is None or reader is None or not commands:
                return _resolved(await self.catalogue.execute_many(commands) if commands else [])
            previous = self._batches[-1] if self._batches else None
            if previous is not None and _failed(previous):
                raise EarlierBatchFailedError
            keys = ([c.id for c in commands], [c.isbn for c in commands])
            unwritten = list(self._unwritten)  # before the query: what it may not see committed
            hexes = json_text([id.hex for id in keys[0]])
            taken = await reader.call(_taken, hexes, json_text(keys[1]))
            known = [*unwritten, ([UUID(hex=id) for id, _ in taken], [i for _, i in taken])]
            uow = BulkUnitOfWork(writer, self._state, self.catalogue.publisher, previous, known)
            handled: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            batch = asyncio.ensure_future(self._register(uow, commands, handled))
            self._unwritten.append(keys)
            batch.add_done_callback(lambda _: self._unwritten.remove(keys))
            self._batches.append(batch)
            either: list[asyncio.Future[Any]] = [handled, batch]
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
            return asyncio.shield(batch)

    async def _register(
        self, uow: BulkUnitOfWork, commands: Sequence[RegisterBook], handled: asyncio.Future[None]
    ) -> list[Any]:
        previous = uow.after
        try:
            async with uow as tx:
                results = await _handle_all(self.catalogue.bus, tx, commands)
                handled.set_result(None)
                await tx.commit()
        except DBAPIError as error:
            if previous is not None:
                await asyncio.wait([previous])
                if _failed(previous):
                    raise EarlierBatchFailedError from error  # the import stops there
            if is_busy_error(error):  # command by command would wait as long, in vain
                raise CatalogueBusyError from error
            log.warning("bulk batch failed (%s); running it command by command", error.orig)
            return await self.catalogue.execute_many(commands)
        except EventstreamDeliveryError as error:  # committed: only announcing it failed
            log.warning("a committed batch's events were not all delivered: %s", error)
        return results


def _failed(batch: asyncio.Future[Any]) -> bool:
    return batch.done() and (batch.cancelled() or batch.exception() is not None)


async def register_in_bulk(catalogue: Catalogue, commands: Sequence[RegisterBook]) -> list[Any]:
    """Handle every command through the catalogue's bus in one transaction; their results
    (see :class:`BulkRegistration`)."""
    async with BulkRegistration(catalogue) as registration:
        return await (await registration.submit(commands))


@dataclass(slots=True)
class _Tuning:
    """How many bulk registrations run now, and the settings from before the first."""

    users: int = 0
    switch_interval: float = 0.0
    gc_thresholds: tuple[int, int, int] = (0, 0, 0)


_tuning = _Tuning()


@contextmanager
def _tuned_for_bulk() -> Iterator[None]:
    """Python's thread switch interval, young-generation GC threshold and frozen objects for
    a bulk registration (see ``SWITCH_INTERVAL_S`` and ``GC_YOUNG_THRESHOLD``); the settings
    from before the first registration come back when the last one ends."""
    if _tuning.users == 0:
        _tuning.switch_interval, _tuning.gc_thresholds = sys.getswitchinterval(), gc.get_threshold()
        sys.setswitchinterval(min(_tuning.switch_interval, SWITCH_INTERVAL_S))
        gc.set_threshold(
            max(_tuning.gc_thresholds[0], GC_YOUNG_THRESHOLD), *_tuning.gc_thresholds[1:]
        )
        gc.freeze()
    _tuning.users += 1
    try:
        yield
    finally:
        _tuning.users -= 1
        if _tuning.users == 0:
            gc.unfreeze()
            gc.set_threshold(*_tuning.gc_thresholds)
            sys.setswitchinterval(_tuning.switch_interval)


def _resolved(results: list[Any]) -> asyncio.Future[list[Any]]:
    future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
    future.set_result(results)
    return future


def _database_file(engine: AsyncEngine) -> str | None:
    """The SQLite file of ``engine``; ``None`` for another back-end or an in-memory one."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return None
    return database


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
