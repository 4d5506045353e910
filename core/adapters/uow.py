"""The SQL unit of work: one ``AsyncSession`` per transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.bus import (
    AsyncEventstreamPublisher,
    Message,
    TransactionError,
)
from core.service.uow import AbstractUnitOfWork

from .messagestore import SqlMessageStoreRepository
from .repository import SqlModelBookRepository


class Notifier(Protocol):
    """Announces published events inside the committing transaction (PostgreSQL NOTIFY)."""

    async def notify(self, session: AsyncSession, messages: Sequence[Message[Any]]) -> None:
        """Queue the announcement of ``messages`` in ``session``'s transaction."""

    def forget(self, messages: Sequence[Message[Any]]) -> None:
        """The transaction did not commit after all."""


class SqlModelUnitOfWork(AbstractUnitOfWork):
    """A transaction over the catalogue's tables.

    Entering opens a new session and new repositories bound to it (the bus collects the
    repositories of a transaction from ``vars(uow)``); commit and rollback end the session's
    transaction, and the session is closed when the ``async with`` block ends.
    """

    books: SqlModelBookRepository
    messagestore: SqlMessageStoreRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        publisher: AsyncEventstreamPublisher | None = None,
        notifier: Notifier | None = None,
    ) -> None:
        self.sessions = sessions
        self.publisher = publisher
        self.notifier = notifier
        self.session: AsyncSession | None = None

    async def start_transaction(self) -> None:
        """Open the transaction's session and the repositories bound to it."""
        session = self.session = self.sessions()
        self.books = SqlModelBookRepository(session)
        self.messagestore = SqlMessageStoreRepository(session, self.publisher)

    def _current_session(self) -> AsyncSession:
        if self.session is None:
            raise TransactionError("the unit of work has no transaction in progress")
        return self.session

    async def commit(self) -> None:
        """Write the stored messages and notify the published ones (with a notifier), then
        commit the session's transaction: listeners hear exactly the committed events."""
        session = self._current_session()
        await self.messagestore.flush()
        published = self.messagestore.stream_buffer
        if self.notifier is None or not published:
            await session.commit()
            return
        await self.notifier.notify(session, published)
        try:
            await session.commit()
        except BaseException:
            self.notifier.forget(published)
            raise

    async def rollback(self) -> None:
        """Roll the session's transaction back; nothing of it is kept."""
        self.messagestore.pending.clear()
        await self._current_session().rollback()

    async def end_transaction(self) -> None:
        """Close the transaction's session."""
        session, self.session = self.session, None
        if session is not None:
            await session.close()
