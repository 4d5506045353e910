"""The SQL unit of work: one session per transaction, for one command or a batch of thousands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from uuid_utils.compat import uuid7

from core.bus import AsyncEventstreamPublisher, Message, TransactionError
from core.service.origin import Origin
from core.service.uow import AbstractCatalogueUnitOfWork, AbstractStep

from .book_details import SqlBookDetailsRepository
from .club_repository import SqlMemberRepository, SqlRatingsProjection, SqlReviewRepository
from .loan_repository import SqlAvailabilityProjection, SqlCopyRepository, SqlLoanRepository
from .messagestore import SqlMessageStoreRepository
from .projection import SqlBookListProjection
from .repository import SqlBookRepository
from .rows import MESSAGE_COLUMNS
from .sources import SqlBookSourceRepository
from .sqlite_guard import SqliteFileGuard
from .sqlite_writer import SqliteWriter
from .tags import SqlBookTagsRepository
from .writes import SqlWrites, StepMarks, book_groups


class Notifier(Protocol):
    """Announces a transaction's published events inside it (PostgreSQL NOTIFY)."""

    async def notify(
        self, session: AsyncSession, tx: UUID, messages: Sequence[Message[Any]]
    ) -> None:
        """Queue the announcement in ``session``'s transaction, before its commit."""

    def forget(self, tx: UUID) -> None:
        """The transaction did not commit after all."""


class SqlUnitOfWork(AbstractCatalogueUnitOfWork):
    """A transaction over the catalogue's tables.

    Entering opens a session, a :class:`SqlWrites` and the repositories bound to them.
    Commit writes the buffered rows and the stored messages, announces the published events
    (with a notifier), and commits; the session is closed when the ``async with`` block ends.
    On SQLite, a transaction that only added rows goes to the ``writer`` instead, in one call
    (see ``sqlite_writer``). Every message it stores says it came from ``origin``.
    """

    books: SqlBookRepository
    tags: SqlBookTagsRepository
    sources: SqlBookSourceRepository
    book_list: SqlBookListProjection
    book_details: SqlBookDetailsRepository
    members: SqlMemberRepository
    reviews: SqlReviewRepository
    ratings: SqlRatingsProjection
    copies: SqlCopyRepository
    loans: SqlLoanRepository
    availability: SqlAvailabilityProjection
    messagestore: SqlMessageStoreRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        read_sessions: async_sessionmaker[AsyncSession],
        dialect: str,
        publisher: AsyncEventstreamPublisher | None = None,
        notifier: Notifier | None = None,
        writer: SqliteWriter | None = None,
        guard: SqliteFileGuard | None = None,
        origin: Origin | None = None,
    ) -> None:
        self.sessions = sessions
        self._origin = origin.stored() if origin is not None else None
        self.writer = writer
        self.guard = guard
        self.read_sessions = read_sessions
        self.dialect = dialect
        self.publisher = publisher
        self.notifier = notifier
        self.writes: SqlWrites | None = None
        self.tx = UUID(int=0)

    async def start_transaction(self) -> None:
        """Open the transaction's session and the repositories bound to it."""
        writes = self.writes = SqlWrites(self.sessions(), self.dialect)
        self.tx = uuid7()
        self.books = SqlBookRepository(writes, self.read_sessions, self.writer)
        self.tags = SqlBookTagsRepository(writes, self.read_sessions)
        self.sources = SqlBookSourceRepository(writes)
        self.book_list = SqlBookListProjection(writes)
        self.book_details = SqlBookDetailsRepository(writes)
        self.members = SqlMemberRepository(writes, self.read_sessions)
        self.reviews = SqlReviewRepository(writes)
        self.ratings = SqlRatingsProjection(writes)
        self.copies = SqlCopyRepository(writes)
        self.loans = SqlLoanRepository(writes)
        self.availability = SqlAvailabilityProjection(writes)
        self.messagestore = SqlMessageStoreRepository(writes, self.tx, self.publisher, self._origin)

    def _current(self) -> SqlWrites:
        if self.writes is None:
            raise TransactionError("the unit of work has no transaction in progress")
        return self.writes

    async def begin_step(self) -> AbstractStep:
        """One command's share of the transaction (see :class:`SqlStep`)."""
        return SqlStep(self._current(), self.messagestore)

    async def commit(self) -> None:
        """Write the buffered books and the stored messages, notify the published events (with
        a notifier), then commit: listeners hear exactly the committed events."""
        writes = self._current()
        writes.step = None
        published = self.messagestore.stream_buffer
        notifier = self.notifier if published else None
        if notifier is not None:
            await notifier.notify(writes.session, self.tx, published)
        try:
            if self.guard is not None:
                self.guard.check()  # a deleted file: nothing written would last
            await self._write_and_commit(writes)
            if self.guard is not None:
                self.guard.check()  # deleted meanwhile: do not say it was saved
        except BaseException:
            if notifier is not None:
                notifier.forget(self.tx)
            raise

    async def _write_and_commit(self, writes: SqlWrites) -> None:
        if self.writer is not None and not writes.session.in_transaction():
            # Only new rows, nothing read or written through the session: one call does it.
            books = writes.take_books()
            others = writes.take_rows()
            messages = self.messagestore.take()
            await self.writer.write(
                [
                    *(("books", columns, group) for columns, group in book_groups(books)),
                    *others,
                    ("messages", MESSAGE_COLUMNS, messages),
                ]
            )
            return
        await writes.flush_books()
        await writes.flush_rows()
        await self.messagestore.flush()
        await writes.session.commit()

    async def rollback(self) -> None:
        """Roll the session's transaction back; nothing of it is kept."""
        writes = self._current()
        writes.new_books.clear()
        writes.new_isbns.clear()
        writes.take_rows()
        self.messagestore.pending.clear()
        await writes.session.rollback()

    async def end_transaction(self) -> None:
        """Close the transaction's session."""
        writes, self.writes = self.writes, None
        if writes is not None:
            await writes.session.close()


class SqlStep(StepMarks, AbstractStep):
    """A command's step: undoing forgets its buffered rows and messages, and rolls back its
    SAVEPOINT if it wrote through (see ``SqlWrites.before_write``)."""

    __slots__ = ("_store", "_writes", "books_mark", "messages_mark", "rows_mark", "savepoint")

    def __init__(self, writes: SqlWrites, store: SqlMessageStoreRepository) -> None:
        self._writes = writes
        self._store = store
        self.books_mark = len(writes.new_books)
        self.rows_mark = writes.rows_mark()
        self.messages_mark = store.mark()
        self.savepoint = None
        writes.step = self

    async def keep(self) -> None:
        """Keep the step's writes."""
        self._writes.step = None
        if self.savepoint is not None:
            await self.savepoint.commit()

    async def undo(self) -> None:
        """Undo the step's writes, stored messages and events."""
        writes = self._writes
        writes.step = None
        if self.savepoint is not None:
            await self.savepoint.rollback()
            writes.hints_stale = True
        writes.forget_books_after(self.books_mark)
        writes.forget_rows_after(self.rows_mark)
        self._store.undo_to(self.messages_mark)
