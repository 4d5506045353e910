"""The catalogue: a bus, a unit-of-work factory and the GUI's read helpers over one engine."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.bus import (
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    GenericCommand,
    Message,
)
from core.domain.isbn import canonical_isbn
from core.domain.model import Book
from core.domain.result import Err
from core.service.repositories import BookQuery, BookSummary

from .eventstream import SubscribersTransport
from .messagestore import SqlMessageStoreRepository, StoredMessage
from .repository import SqlModelBookRepository
from .uow import SqlModelUnitOfWork

type Transaction = AsyncUnitOfWorkTransaction[SqlModelUnitOfWork]


class Catalogue:
    """An open catalogue: run commands through the bus, read pages of books and history.

    Built by ``core.bootstrap.open_catalogue``. Commands run one at a time (a lock), so
    subscribers see events in commit order.
    """

    def __init__(
        self, engine: AsyncEngine, bus: AsyncMessageBus[SqlModelUnitOfWork], database_url: str
    ) -> None:
        self.engine = engine
        self.bus = bus
        self.database_url = database_url
        """The database URL with any password masked."""
        self._transport = SubscribersTransport()
        self._publisher = AsyncEventstreamPublisher(self._transport)
        self._write_sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock()

    def new_uow(self) -> SqlModelUnitOfWork:
        """A fresh unit of work, publishing to this catalogue's subscribers."""
        return SqlModelUnitOfWork(self._write_sessions, self._publisher)

    def subscribe(self, callback: Callable[[Message[Any]], None]) -> Callable[[], None]:
        """Call ``callback`` with each event published by a committed transaction, in commit
        order; the returned function unsubscribes it."""
        return self._transport.subscribe(callback)

    async def execute(self, command: GenericCommand[Any]) -> Any:
        """Run ``command`` in its own transaction and return its handler's result.

        Commits unless the result is an ``Err``, which rolls back; an exception rolls back and
        propagates.
        """
        async with self._write_lock, self.new_uow() as tx:
            result = await self.bus.handle(command, tx)
            if isinstance(result, Err):
                await tx.rollback()
            else:
                await tx.commit()
        return result

    async def execute_many(self, commands: Iterable[GenericCommand[Any]]) -> list[Any]:
        """Run several commands in ONE transaction and return their results.

        Each command runs inside a SAVEPOINT: one whose result is an ``Err`` is undone alone
        (its rows, stored messages and events), the others are kept. An exception rolls back
        the whole batch and propagates.
        """
        async with self._write_lock, self.new_uow() as tx:
            results = [await self._handle_in_savepoint(command, tx) for command in commands]
            await tx.commit()
        return results

    async def _handle_in_savepoint(self, command: GenericCommand[Any], tx: Transaction) -> Any:
        uow = tx.uow
        assert uow.session is not None
        mark = uow.messagestore.mark()
        savepoint = await uow.session.begin_nested()
        try:
            result = await self.bus.handle(command, tx)
        except BaseException:
            await savepoint.rollback()
            raise
        if isinstance(result, Err):
            await savepoint.rollback()
            uow.messagestore.undo_to(mark)
        else:
            await savepoint.commit()
        return result

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[AsyncSession]:
        async with self._read_sessions() as session:
            yield session

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page of the book list."""
        async with self._reading() as session:
            return await SqlModelBookRepository(session).list_books(query)

    async def count_books(self, search: str = "") -> int:
        """How many books match ``search`` (all of them when it is empty)."""
        async with self._reading() as session:
            return await SqlModelBookRepository(session).count_books(search)

    async def book_by_isbn(self, isbn: str) -> Book | None:
        """The book holding this ISBN (any valid form), or ``None``."""
        try:
            canonical = canonical_isbn(isbn)
        except ValueError:
            return None
        async with self._reading() as session:
            found = await SqlModelBookRepository(session).by_isbn(canonical)
        return found.unwrap() if found.is_ok() else None

    async def history(self, offset: int = 0, limit: int = 200) -> list[StoredMessage]:
        """Stored messages, newest first, one page."""
        async with self._reading() as session:
            return await SqlMessageStoreRepository(session).history(offset, limit)
