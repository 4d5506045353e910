"""Opening a catalogue safely: its URL, its file and its schema checked before anything is
written, and every failure worded for the user (never with a password)."""

from __future__ import annotations

import enum
import importlib.util
import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from core.service.errors import BUSY_MESSAGE

from .migrate import (
    HEAD,
    ForeignSchemaError,
    SchemaTooNewError,
    check_known,
    current_revision,
    upgrade,
)
from .sqlite_file import (
    ForeignSqliteError,
    NotSqliteError,
    check_sqlite_file,
    is_busy,
    stored_revision,
)
from .sqlite_locking import READ_ONLY_OPTION

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}
POSTGRES_EXTRA = "pip install 'reading-club[postgres]'"


class OpenFailure(enum.StrEnum):
    """Why a catalogue could not be opened."""

    not_sqlite = "not_sqlite"
    newer_schema = "newer_schema"
    unwritable = "unwritable"
    unreachable = "unreachable"
    bad_url = "bad_url"
    foreign = "foreign"


class CatalogueOpenError(Exception):
    """A catalogue cannot be opened; ``str(error)`` is for the user and has no password."""

    reason: OpenFailure


class NotSqliteDatabaseError(CatalogueOpenError):
    """The file exists but is not a SQLite database; it was not touched."""

    reason = OpenFailure.not_sqlite


class ForeignDatabaseError(CatalogueOpenError):
    """The database holds another program's tables; it was not touched."""

    reason = OpenFailure.foreign


class NewerSchemaError(CatalogueOpenError):
    """The database was made by a newer version of the application; it was not touched."""

    reason = OpenFailure.newer_schema


class UnwritableLocationError(CatalogueOpenError):
    """The database file or its directory cannot be created or written."""

    reason = OpenFailure.unwritable


class UnreachableServerError(CatalogueOpenError):
    """The database server did not answer or refused the connection."""

    reason = OpenFailure.unreachable


class UnusableUrlError(CatalogueOpenError):
    """The database URL names no database this application can open."""

    reason = OpenFailure.bad_url


def database_url(database: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL: a path becomes an absolute ``sqlite+aiosqlite`` URL; a URL is kept."""
    text = os.fspath(database)
    if "://" in text:
        return text
    return f"sqlite+aiosqlite:///{Path(text).expanduser().resolve()}"


def check_url(text: str) -> URL:
    """The URL with the catalogue's driver, or :class:`UnusableUrlError` saying what is wrong
    (a scheme we do not support, a bad port, PostgreSQL support not installed)."""
    try:
        url = make_url(text)
        port = url.port
    except (ArgumentError, ValueError) as error:
        raise UnusableUrlError(f"the database URL is not valid: {error}") from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise UnusableUrlError(
            f"cannot open a {url.drivername!r} database: Reading Club opens SQLite files "
            "and postgresql:// URLs"
        )
    if port is not None and not 0 < port < 65536:
        raise UnusableUrlError(f"the database URL's port {port} is not between 1 and 65535")
    if driver.endswith("asyncpg") and importlib.util.find_spec("asyncpg") is None:
        raise UnusableUrlError(f"PostgreSQL support is not installed; {POSTGRES_EXTRA}")
    return url.set(drivername=driver)


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; ``None`` for another back-end or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def prepare_sqlite_file(path: Path) -> None:
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
    except ForeignSqliteError as error:
        raise ForeignDatabaseError(str(error)) from None
    except sqlite3.DatabaseError:
        raise NotSqliteDatabaseError(f"{path} is not a readable SQLite database") from None
    except SchemaTooNewError as error:
        raise NewerSchemaError(f"{path}: {error}") from None
    except OSError as error:
        raise UnwritableLocationError(f"cannot read {path}: {error.strerror}") from None


def unreachable(url: URL, error: BaseException) -> CatalogueOpenError:
    """The open error for a failure to reach or write the database at ``url``."""
    where = url.render_as_string(hide_password=True)
    detail = str(getattr(error, "orig", None) or error).splitlines()[0] if str(error) else ""
    if url.password:
        detail = detail.replace(str(url.password), "***")
    if url.get_backend_name() == "sqlite":
        if is_busy(getattr(error, "orig", error)):
            detail = BUSY_MESSAGE
        return UnwritableLocationError(f"cannot open the catalogue {url.database}: {detail}")
    return UnreachableServerError(f"cannot reach the catalogue at {where}: {detail}")


async def migrate(engine: AsyncEngine, url: URL) -> None:
    """Bring the database to the newest schema, or a clear :class:`CatalogueOpenError`.

    An up-to-date catalogue is only read (no write lock: opening it while another program
    imports into it does not wait for a gap between that program's batches)."""
    try:
        reader = engine.execution_options(**{READ_ONLY_OPTION: True})
        async with reader.connect() as connection:
            if await connection.run_sync(current_revision) == HEAD:
                return
        async with engine.begin() as connection:
            await connection.run_sync(upgrade)
    except SchemaTooNewError as error:
        where = url.render_as_string(hide_password=True)
        raise NewerSchemaError(f"{where}: {error}") from None
    except ForeignSchemaError as error:
        where = url.render_as_string(hide_password=True)
        raise ForeignDatabaseError(f"{where}: {error}") from None
    except (OSError, DBAPIError, TimeoutError) as error:
        raise unreachable(url, error) from None
