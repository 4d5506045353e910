"""The catalogue: a bus, a unit-of-work factory and the GUI's read helpers over one engine.

On PostgreSQL (a catalogue shared by several desktops) events travel by NOTIFY/LISTEN, so
every desktop hears every committed event; see ``PgEventstream``.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, NoReturn
from uuid import UUID

import asyncpg  # type: ignore[import-untyped]  # no stubs or py.typed
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.bus import (
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    EventstreamDeliveryError,
    GenericCommand,
    Message,
)
from core.domain.isbn import canonical_isbn
from core.domain.model import Book
from core.domain.result import Err
from core.service.repositories import BookQuery, BookSummary

from .eventstream import (
    LocalEventstreamPublisher,
    PgEventstream,
    StatusSubscriber,
    SubscribersTransport,
)
from .messagestore import SqlMessageStoreRepository, StoredMessage
from .pg_listen import LinkState, ListenOptions, PgListener, listen_parameters
from .repository import SqlModelBookRepository
from .sqlite_file import BUSY_MESSAGE, is_busy
from .sqlite_locking import READ_ONLY_OPTION
from .uow import SqlModelUnitOfWork

type Transaction = AsyncUnitOfWorkTransaction[SqlModelUnitOfWork]

_CONNECTION_ERRORS = (OSError, TimeoutError, asyncpg.PostgresConnectionError)


class CatalogueOfflineError(ConnectionError):
    """The shared catalogue's server could not be reached while running a command.

    ``str(error)`` is for the user and never holds a password.
    """


class CatalogueBusyError(RuntimeError):
    """Another program held the SQLite catalogue's write lock for longer than the busy
    timeout; nothing was written. ``str(error)`` is for the user."""

    def __init__(self) -> None:
        super().__init__(BUSY_MESSAGE)


def is_busy_error(error: BaseException) -> bool:
    """Whether ``error`` says another program held the SQLite database past the busy timeout:
    wrapped by SQLAlchemy, or raw when BEGIN IMMEDIATE (a "begin" listener) gave up."""
    return is_busy(error.orig if isinstance(error, DBAPIError) else error)


def _is_connection_error(error: BaseException) -> bool:
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or _is_connection_error_cause(error)
    return isinstance(error, _CONNECTION_ERRORS) or _is_connection_error_cause(error)


def _is_connection_error_cause(error: BaseException) -> bool:
    cause = error.__cause__ or error.__context__
    return cause is not None and isinstance(cause, (*_CONNECTION_ERRORS, asyncpg.InterfaceError))


def _raise_offline(error: BaseException) -> NoReturn:
    kind = type(error.__cause__ or error).__name__
    raise CatalogueOfflineError(f"the server did not answer ({kind})") from error


class Catalogue:
    """An open catalogue: run commands through the bus, read pages of books and history.

    Built by ``core.bootstrap.open_catalogue``. Commands run one at a time (a lock), so
    subscribers see events in commit order. On PostgreSQL, :meth:`listen` starts hearing the
    events of every desktop and :meth:`aclose` stops it.
    """

    def __init__(
        self, engine: AsyncEngine, bus: AsyncMessageBus[SqlModelUnitOfWork], database_url: str
    ) -> None:
        self.engine = engine
        self.bus = bus
        self.database_url = database_url
        """The database URL with any password masked."""
        self._stream: PgEventstream | None = None
        self._listener: PgListener | None = None
        if engine.dialect.name == "postgresql":
            self._stream = PgEventstream(self._fetch_message)
            self._transport: SubscribersTransport = self._stream.subscribers
            self.publisher = AsyncEventstreamPublisher(self._stream)
        else:
            self._transport = SubscribersTransport()
            self.publisher = LocalEventstreamPublisher(self._transport)
        """Sends the published events of committed transactions (tests may swap its
        transport to inject a delivery failure)."""
        self._write_sessions = async_sessionmaker(engine, expire_on_commit=False)
        # Readers need no write lock under WAL; taking it would queue a search behind a count.
        read_engine = engine.execution_options(**{READ_ONLY_OPTION: True})
        self._read_sessions = async_sessionmaker(read_engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock()

    @property
    def shared(self) -> bool:
        """Whether this is a shared (PostgreSQL) catalogue, where other desktops write too."""
        return self._stream is not None

    @property
    def online(self) -> bool:
        """Whether events of other desktops arrive live (always true for a local file)."""
        return self._stream is None or self._stream.state is not LinkState.offline

    @property
    def listener(self) -> PgListener | None:
        """The LISTEN connection of a shared catalogue, once :meth:`listen` started it."""
        return self._listener

    async def listen(self, options: ListenOptions | None = None) -> None:
        """Start hearing the events of every desktop (PostgreSQL only; no-op otherwise).

        Raises the connection error if the server cannot be reached.
        """
        if self._stream is None or self._listener is not None:
            return
        listener = PgListener(
            listen_parameters(self.engine.url),
            self._stream.receive,
            self._stream.set_state,
            options,
        )
        if options is not None:
            self._stream.echo_timeout_s = options.echo_timeout_s
        await listener.start()
        self._listener = listener

    async def aclose(self) -> None:
        """Stop listening (the engine is disposed by whoever built it)."""
        listener, self._listener = self._listener, None
        if listener is not None:
            await listener.close()

    def new_uow(self) -> SqlModelUnitOfWork:
        """A fresh unit of work, publishing to this catalogue's subscribers."""
        return SqlModelUnitOfWork(self._write_sessions, self.publisher, self._stream)

    def subscribe(self, callback: Callable[[Message[Any]], None]) -> Callable[[], None]:
        """Call ``callback`` with each event published by a committed transaction, in commit
        order (on PostgreSQL: of every desktop, once each); the returned function
        unsubscribes it."""
        return self._transport.subscribe(callback)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Call ``callback`` with each connection state change of a shared catalogue:
        ``offline`` when the events stop arriving, ``resynced`` when they arrive again (reload
        what is shown: events of the outage were missed). Never called for a local file."""
        if self._stream is None:
            return lambda: None
        return self._stream.subscribe_status(callback)

    async def execute(self, command: GenericCommand[Any]) -> Any:
        """Run ``command`` in its own transaction and return its handler's result.

        Commits unless the result is an ``Err``, which rolls back; an exception rolls back and
        propagates. An unreachable server raises :class:`CatalogueOfflineError`, a SQLite file
        another program holds for longer than the busy timeout :class:`CatalogueBusyError`; a
        committed transaction whose events could not be delivered raises
        ``EventstreamDeliveryError``.
        """
        try:
            async with self._write_lock, self.new_uow() as tx:
                result = await self.bus.handle(command, tx)
                if isinstance(result, Err):
                    await tx.rollback()
                else:
                    await tx.commit()
        except EventstreamDeliveryError:
            raise  # committed: not an offline failure, whatever the transport raised
        except Exception as error:
            if _is_connection_error(error):
                _raise_offline(error)
            if is_busy_error(error):
                raise CatalogueBusyError from error
            raise
        return result

    async def execute_many(self, commands: Iterable[GenericCommand[Any]]) -> list[Any]:
        """Run several commands in ONE transaction and return their results.

        Each command runs inside a SAVEPOINT: one whose result is an ``Err`` is undone alone
        (its rows, stored messages and events), the others are kept. An exception rolls back
        the whole batch and propagates (:class:`CatalogueBusyError` when another program held
        the database for longer than the busy timeout).
        """
        try:
            async with self._write_lock, self.new_uow() as tx:
                results = [await self._handle_in_savepoint(command, tx) for command in commands]
                await tx.commit()
        except (DBAPIError, sqlite3.OperationalError) as error:
            if is_busy_error(error):
                raise CatalogueBusyError from error
            raise
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

    async def _fetch_message(self, message_id: UUID) -> Message[Any] | None:
        async with self._reading() as session:
            stored = await SqlMessageStoreRepository(session).by_id(message_id)
        return None if stored is None else stored.message()
