"""The composition root: from a database path or URL to an open :class:`Catalogue`.

Nothing happens at import time; :func:`open_catalogue` checks the database, migrates it,
builds the engine and the bus, and disposes the engine when it is closed.
"""

from __future__ import annotations

import asyncio
import enum
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]  # no stubs or py.typed
import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from core.adapters.catalogue import Catalogue, CatalogueBusyError, CatalogueOfflineError
from core.adapters.engine import create_engine
from core.adapters.migrate import SchemaTooNewError, check_known, upgrade
from core.adapters.pg_listen import Backoff, LinkState, ListenOptions
from core.adapters.sqlite_file import NotSqliteError, check_sqlite_file, stored_revision
from core.adapters.uow import SqlModelUnitOfWork
from core.bus import AsyncMessageBus

__all__ = [
    "Backoff",
    "Catalogue",
    "CatalogueBusyError",
    "CatalogueOfflineError",
    "CatalogueOpenError",
    "LinkState",
    "ListenOptions",
    "NewerSchemaError",
    "NotSqliteDatabaseError",
    "OpenFailure",
    "UnreachableServerError",
    "UnwritableLocationError",
    "database_url",
    "default_database_path",
    "open_catalogue",
]

_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def default_database_path() -> Path:
    """Where the catalogue lives unless told otherwise (the platform's user data dir)."""
    return platformdirs.user_data_path("reading-club") / "library.sqlite3"


def database_url(database: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL: a path becomes an absolute ``sqlite+aiosqlite`` URL; a URL is kept."""
    text = os.fspath(database)
    if "://" in text:
        return text
    return f"sqlite+aiosqlite:///{Path(text).expanduser().resolve()}"


class OpenFailure(enum.StrEnum):
    """Why a catalogue could not be opened."""

    not_sqlite = "not_sqlite"
    newer_schema = "newer_schema"
    unwritable = "unwritable"
    unreachable = "unreachable"


class CatalogueOpenError(Exception):
    """A catalogue cannot be opened; ``str(error)`` is for the user and has no password."""

    reason: OpenFailure


class NotSqliteDatabaseError(CatalogueOpenError):
    """The file exists but is not a SQLite database; it was not touched."""

    reason = OpenFailure.not_sqlite


class NewerSchemaError(CatalogueOpenError):
    """The database was made by a newer version of the application; it was not touched."""

    reason = OpenFailure.newer_schema


class UnwritableLocationError(CatalogueOpenError):
    """The database file or its directory cannot be created or written."""

    reason = OpenFailure.unwritable


class UnreachableServerError(CatalogueOpenError):
    """The database server did not answer or refused the connection."""

    reason = OpenFailure.unreachable


def _normalised(url: URL) -> URL:
    return url.set(drivername=_DRIVERS.get(url.drivername, url.drivername))


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the directory; refuse a non-SQLite file or a newer schema, changing nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnwritableLocationError(
            f"cannot create the folder for the catalogue {path}: {error.strerror}"
        ) from None
    if not os.access(path.parent, os.W_OK):
        raise UnwritableLocationError(f"cannot write to the folder {path.parent}")
    try:
        check_sqlite_file(path)
        check_known(stored_revision(path))
    except NotSqliteError as error:
        raise NotSqliteDatabaseError(str(error)) from None
    except sqlite3.DatabaseError:
        raise NotSqliteDatabaseError(f"{path} is not a readable SQLite database") from None
    except SchemaTooNewError as error:
        raise NewerSchemaError(f"{path}: {error}") from None
    except OSError as error:
        raise UnwritableLocationError(f"cannot read {path}: {error.strerror}") from None


def _failure(url: URL, error: BaseException) -> CatalogueOpenError:
    where = url.render_as_string(hide_password=True)
    detail = str(getattr(error, "orig", None) or error).splitlines()[0] if str(error) else ""
    if url.password:
        detail = detail.replace(str(url.password), "***")
    if url.get_backend_name() == "sqlite":
        if "locked" in detail or "busy" in detail:
            detail = "the catalogue is busy (locked by another program); try again"
        return UnwritableLocationError(f"cannot open the catalogue {url.database}: {detail}")
    return UnreachableServerError(f"cannot reach the catalogue at {where}: {detail}")


async def _migrate(engine: AsyncEngine, url: URL) -> None:
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade)
    except SchemaTooNewError as error:
        where = url.render_as_string(hide_password=True)
        raise NewerSchemaError(f"{where}: {error}") from None
    except (OSError, DBAPIError, TimeoutError) as error:
        raise _failure(url, error) from None


async def _listen(catalogue: Catalogue, url: URL, options: ListenOptions | None) -> None:
    try:
        await catalogue.listen(options)
    except (OSError, DBAPIError, TimeoutError, asyncpg.PostgresError) as error:
        raise _failure(url, error) from None


@asynccontextmanager
async def open_catalogue(
    database: str | os.PathLike[str], listen: ListenOptions | None = None
) -> AsyncIterator[Catalogue]:
    """Open (creating or migrating) the catalogue at a file path or SQLAlchemy URL.

    A PostgreSQL catalogue also starts listening to the events of every desktop sharing it
    (``listen`` tunes the reconnection; tests inject their delays).
    Raises a :class:`CatalogueOpenError` subclass, leaving the file untouched, for a file that
    is not SQLite, a newer schema, an unwritable location or an unreachable server.
    """
    url = _normalised(make_url(database_url(database)))
    path = _sqlite_path(url)
    if path is not None:
        await asyncio.to_thread(_prepare_sqlite_file, path)
    engine = create_engine(url.render_as_string(hide_password=False))
    try:
        await _migrate(engine, url)
        bus: AsyncMessageBus[SqlModelUnitOfWork] = AsyncMessageBus()
        bus.scan("core.service.handlers")
        catalogue = Catalogue(engine, bus, url.render_as_string(hide_password=True))
        await _listen(catalogue, url, listen)
        try:
            yield catalogue
        finally:
            await catalogue.aclose()
    finally:
        await engine.dispose()
