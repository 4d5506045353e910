"""Storage errors as the service layer names them (``core.service.errors``)."""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy.exc import DBAPIError, IntegrityError

from core.service.errors import CatalogueBusyError, CatalogueOfflineError, WriteConflictError

from .sqlite_file import is_busy

_SQLITE_UNIQUE = (sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
_PG_UNIQUE = "23505"


def storage_failure(error: BaseException) -> BaseException | None:
    """The service error for ``error``, or ``None`` when it is not a known storage failure."""
    database_error = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(error, IntegrityError | sqlite3.IntegrityError) and _is_unique_violation(
        database_error
    ):
        return WriteConflictError(
            f"another program changed the catalogue meanwhile: {database_error}"
        )
    if is_busy(database_error):
        return CatalogueBusyError()
    if _is_connection_error(error):
        kind = type(error.__cause__ or error).__name__
        return CatalogueOfflineError(f"the server did not answer ({kind})")
    return None


def _is_unique_violation(error: BaseException | None) -> bool:
    """Whether a database error refused a duplicate key (a book another program added)."""
    if getattr(error, "sqlite_errorcode", None) in _SQLITE_UNIQUE:
        return True
    codes = (getattr(e, "sqlstate", None) for e in (error, getattr(error, "__cause__", None)))
    return _PG_UNIQUE in codes


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
