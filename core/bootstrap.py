"""The composition root: from a database path or URL to an open :class:`Catalogue`.

Nothing happens at import time; :func:`open_catalogue` checks the database, migrates it,
builds the engine, the unit-of-work factory, the views, the event feed and the bus, and
disposes of them when it is closed. PostgreSQL support (asyncpg) is imported only when a
PostgreSQL catalogue is opened.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from core.adapters.deferred_book_info import DeferredBookInformation
from core.adapters.engine import SQLITE_PRAGMAS, create_engine
from core.adapters.eventstream import LocalEventFeed
from core.adapters.failures import storage_failure
from core.adapters.listen_options import Backoff, ListenOptions
from core.adapters.opening import (
    CatalogueOpenError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotSqliteDatabaseError,
    OpenFailure,
    UnreachableServerError,
    UnusableUrlError,
    UnwritableLocationError,
    check_url,
    database_url,
    migrate,
    prepare_sqlite_file,
    sqlite_path,
    unreachable,
)
from core.adapters.sqlite_feed import SqliteEventFeed
from core.adapters.sqlite_guard import SqliteFileGuard, install_file_fault_recovery
from core.adapters.sqlite_locking import READ_ONLY_OPTION
from core.adapters.sqlite_writer import SqliteWriter
from core.adapters.uow import Notifier, SqlUnitOfWork
from core.adapters.views import SqlCatalogueViews
from core.bus import AsyncEventstreamPublisher, AsyncMessageBus, Message
from core.paths import default_database_path
from core.service import HANDLER_PACKAGES
from core.service.book_info import AbstractBookInformation
from core.service.catalogue import Catalogue
from core.service.errors import (
    CatalogueBusyError,
    CatalogueGoneError,
    CatalogueOfflineError,
    CatalogueReadOnlyError,
)
from core.service.events import AbstractEventFeed, LinkState
from core.service.origin import Origin

__all__ = [
    "Backoff",
    "Catalogue",
    "CatalogueBusyError",
    "CatalogueGoneError",
    "CatalogueOfflineError",
    "CatalogueOpenError",
    "CatalogueReadOnlyError",
    "ForeignDatabaseError",
    "LinkState",
    "ListenOptions",
    "NewerSchemaError",
    "NotSqliteDatabaseError",
    "OpenFailure",
    "Origin",
    "UnreachableServerError",
    "UnusableUrlError",
    "UnwritableLocationError",
    "database_url",
    "default_database_path",
    "open_book_information",
    "open_catalogue",
]


def open_book_information(cache_dir: Path | None = None) -> AbstractBookInformation:
    """The book information source the environment names (Open Library by default, see
    ``core.adapters.openlibrary.environment``), opened at its first use; close it with
    ``aclose``."""

    def open_source() -> AbstractBookInformation:
        # Here, not at the top: opening a catalogue needs no HTTP client.
        from core.adapters.openlibrary import open_library_from_environment

        return open_library_from_environment(cache_dir)

    return DeferredBookInformation(open_source)


def new_bus() -> AsyncMessageBus[SqlUnitOfWork]:
    """A bus with the catalogue's handlers and projections."""
    bus: AsyncMessageBus[SqlUnitOfWork] = AsyncMessageBus()
    bus.scan(*HANDLER_PACKAGES)
    return bus


def this_desktop() -> Origin:
    """This process's operating-system user and host name (empty when the system says none)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        user = ""
    return Origin(user, socket.gethostname())


@asynccontextmanager
async def open_catalogue(
    database: str | os.PathLike[str],
    listen: ListenOptions | None = None,
    *,
    origin: Origin | None = None,
) -> AsyncIterator[Catalogue]:
    """Open (creating or migrating) the catalogue at a file path or SQLAlchemy URL.

    Every message stored through it records ``origin``: who issued it and from which desktop
    (by default :func:`this_desktop`, decided here once). A PostgreSQL catalogue also starts
    listening to the events of every desktop sharing it (``listen`` tunes the reconnection;
    tests inject their delays). Raises a
    :class:`CatalogueOpenError` subclass, leaving the file untouched, for a file that is not
    SQLite, a newer schema, an unwritable location, an unusable URL or an unreachable server.
    """
    url = check_url(database_url(database))
    path = sqlite_path(url)
    if path is not None:
        await asyncio.to_thread(prepare_sqlite_file, path)
    engine = create_engine(url.render_as_string(hide_password=False))
    writer = SqliteWriter(str(path), SQLITE_PRAGMAS) if path is not None else None
    guard = SqliteFileGuard(path) if path is not None else None
    try:
        await migrate(engine, url)
        if guard is not None:
            guard.remember()
            install_file_fault_recovery(engine, guard)
        origin = this_desktop() if origin is None else origin
        catalogue = await _compose(engine, url, listen, writer, guard, origin)
        try:
            yield catalogue
        finally:
            await catalogue.aclose()
    finally:
        if writer is not None:
            await writer.close()
        await engine.dispose()


async def _compose(
    engine: AsyncEngine,
    url: URL,
    listen: ListenOptions | None,
    writer: SqliteWriter | None,
    guard: SqliteFileGuard | None,
    origin: Origin,
) -> Catalogue:
    write_sessions = async_sessionmaker(engine, expire_on_commit=False)
    # Readers need no write lock under WAL; taking it would queue a search behind an import.
    reader = engine.execution_options(**{READ_ONLY_OPTION: True})
    read_sessions = async_sessionmaker(reader, expire_on_commit=False)
    views = SqlCatalogueViews(read_sessions, reader)
    feed, publisher, notifier = await _event_feed(url, views, listen)
    new_uow = partial(
        SqlUnitOfWork,
        write_sessions,
        read_sessions,
        engine.dialect.name,
        publisher,
        notifier,
        writer,
        guard,
        origin,
    )
    description = str(path) if (path := sqlite_path(url)) else url.render_as_string()
    translate = partial(storage_failure, guard=guard)
    check = guard.check if guard is not None else None
    return Catalogue(new_bus(), new_uow, views, feed, translate, description, check)


type FeedParts = tuple[AbstractEventFeed, AsyncEventstreamPublisher, Notifier | None]


async def _event_feed(
    url: URL, views: SqlCatalogueViews, listen: ListenOptions | None
) -> FeedParts:
    """For a file, the feed of its message store; for PostgreSQL a LISTEN feed; started (or a
    clear error)."""
    if url.get_backend_name() != "postgresql":
        path = sqlite_path(url)
        if path is None:  # in memory: nobody else can write to it
            local = LocalEventFeed()
            return local, local.publisher, None
        store = SqliteEventFeed(str(path))
        try:
            await store.start()
        except sqlite3.Error as error:
            raise unreachable(url, error) from None
        return store, store.publisher, store
    from core.adapters.pg_events import PgEventFeed  # asyncpg only for shared catalogues

    async def transaction_events(tx: UUID) -> list[Message[Any]]:
        return [entry.message() for entry in await views.transaction_messages(tx)]

    feed = PgEventFeed(url, transaction_events)
    try:
        await feed.start(listen)
    except (OSError, DBAPIError, TimeoutError, ConnectionError) as error:
        raise unreachable(url, error) from None
    except Exception as error:  # asyncpg's own errors (e.g. a rejected login)
        if type(error).__module__.startswith("asyncpg"):
            raise unreachable(url, error) from None
        raise
    return feed, feed.publisher, feed
