"""Storage errors as the service layer names them (``core.service.errors``)."""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy.exc import DBAPIError, IntegrityError

from core.service.errors import (
    CatalogueBusyError,
    CatalogueGoneError,
    CatalogueOfflineError,
    CatalogueReadOnlyError,
    WriteConflictError,
)

from .sqlite_file import is_busy
from .sqlite_guard import SqliteFileGuard

_SQLITE_UNIQUE = (sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
_PG_UNIQUE = "23505"
_PG_READ_ONLY = "25006"


def storage_failure(
    error: BaseException, guard: SqliteFileGuard | None = None
) -> BaseException | None:
    """The service error for ``error``, or ``None`` when it is not a known storage failure.

    ``guard`` (a SQLite catalogue's) names a write its file refused: read-only, or deleted.
    """
    if isinstance(error, CatalogueGoneError | CatalogueReadOnlyError):
        return None  # already the service's own words (an OSError, but not the network's)
    database_error = error.orig if isinstance(error, DBAPIError) else error
    if guard is not None and (refused := guard.diagnose(database_error)) is not None:
        return refused
    if _sqlstate(database_error) == _PG_READ_ONLY:
        return CatalogueReadOnlyError(
            "the catalogue is read-only (the server refuses writes): nothing was saved"
        )
    if isinstance(error, IntegrityError | sqlite3.IntegrityError) and _is_unique_violation(
        database_error
    ):
        return WriteConflictError(
            f"another program changed the catalogue meanwhile: {database_error}"
        )
    if is_busy(database_error):
        return CatalogueBusyError()
    if _is_connection_error(error):
        return CatalogueOfflineError(
            "the shared catalogue's server did not answer (the connection was lost);"
            " nothing was saved"
        )
    return None


def _is_unique_violation(error: BaseException | None) -> bool:
    """Whether a database error refused a duplicate key (a book another program added)."""
    if getattr(error, "sqlite_errorcode", None) in _SQLITE_UNIQUE:
        return True
    codes = (getattr(e, "sqlstate", None) for e in (error, getattr(error, "__cause__", None)))
    return _PG_UNIQUE in codes


def _sqlstate(error: BaseException | None) -> str | None:
    for candidate in (error, getattr(error, "__cause__", None)):
        if (state := getattr(candidate, "sqlstate", None)) is not None:
            return str(state)
    return None


def _connection_errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (OSError, TimeoutError)
    asyncpg = sys.modules.get("asyncpg")  # loaded only for a PostgreSQL catalogue
    if asyncpg is not None:
        errors += (asyncpg.PostgresConnectionError, asyncpg.InterfaceError)
    return errors


def _is_connection_error(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return False
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or _caused_by_connection_error(error)
    return isinstance(error, _connection_errors()) or _caused_by_connection_error(error)


def _caused_by_connection_error(error: BaseException) -> bool:
    cause = error.__cause__ or error.__context__
    return cause is not None and isinstance(cause, _connection_errors())
