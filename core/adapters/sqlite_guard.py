"""Watching the catalogue's file while it is open: never acknowledge a write that cannot last.

SQLite keeps writing to a file whose folder was deleted (the open descriptors keep the inode
alive) and every command returns Ok, until the program exits and all of it is gone. The guard
remembers the file's device and inode once it is open and checks them around each commit.
When a write fails because the file became read-only (or another I/O error), it tells which it
is, and the failed connections are replaced so that writes work again once it is writable:
SQLite opens a file it cannot write read-only and would stay so.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry

from core.service.errors import CatalogueGoneError, CatalogueReadOnlyError

from .sqlite_locking import FILE_FAULT

FILE_FAULTS = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
"""Primary result codes of a write the file itself refused (not a busy lock, not a bug)."""
_READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


def is_file_fault(error: BaseException | None) -> bool:
    """Whether a ``sqlite3`` error says the database file could not be written."""
    code = getattr(error, "sqlite_errorcode", 0)
    return isinstance(error, sqlite3.Error) and code & 0xFF in FILE_FAULTS


def is_read_only(error: BaseException | None) -> bool:
    """Whether a ``sqlite3`` error says the database was opened read-only."""
    code = getattr(error, "sqlite_errorcode", 0)
    return isinstance(error, sqlite3.Error) and code & 0xFF == sqlite3.SQLITE_READONLY


class SqliteFileGuard:
    """The open catalogue's file: :meth:`check` raises :class:`CatalogueGoneError` once it
    is not the file opened any more; :meth:`diagnose` names a write the file refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None

    def remember(self) -> None:
        """Note which file is open (call once it exists)."""
        self._identity = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        try:
            status = os.stat(self.path)
        except OSError:
            return None
        return status.st_dev, status.st_ino

    def check(self) -> None:
        """Raise :class:`CatalogueGoneError` if the file was deleted, moved or replaced."""
        if self._identity is not None and self._stat() != self._identity:
            raise self.gone()

    def gone(self) -> CatalogueGoneError:
        """The error for a file deleted or replaced while open."""
        return CatalogueGoneError(
            f"the catalogue {self.path} was deleted or moved while open: nothing more can be "
            "saved to it (this change was not); open the catalogue again"
        )

    def read_only(self) -> CatalogueReadOnlyError:
        """The error for a file that cannot be written."""
        return CatalogueReadOnlyError(
            f"the catalogue is read-only ({self.path} cannot be written): nothing was saved; "
            "make it writable and try again"
        )

    def writable(self) -> bool:
        """Whether the file (and its WAL, if any) can be opened for writing now."""
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                with open(path, "r+b"):
                    pass
            except FileNotFoundError:
                continue
            except OSError as error:
                if error.errno in _READ_ONLY_ERRNOS:
                    return False
        return os.access(self.path.parent, os.W_OK)

    def diagnose(self, error: BaseException | None) -> BaseException | None:
        """The service error for a write the file refused, ``None`` for another error."""
        if not is_file_fault(error):
            return None
        if self._identity is not None and self._stat() != self._identity:
            return self.gone()
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_READONLY or not self.writable():
            return self.read_only()
        return None


def _replace_failed_connections(context: ExceptionContext) -> None:
    if is_file_fault(context.original_exception):
        context.is_disconnect = True  # the pool opens new connections: writable again


def install_file_fault_recovery(engine: AsyncEngine, guard: SqliteFileGuard) -> None:
    """Replace the SQLite ``engine``'s connections after a write the file refused, and a
    connection opened while the file could not be written (SQLite made it read-only) as soon
    as it is given back."""
    event.listen(engine.sync_engine, "handle_error", _replace_failed_connections)

    def flag_read_only(dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        if not guard.writable():
            record.info[FILE_FAULT] = True

    event.listen(engine.sync_engine, "connect", flag_read_only)


def sqlite_error(error: BaseException) -> Any:
    """The ``sqlite3`` error inside ``error`` (SQLAlchemy's ``orig``), or ``error``."""
    return getattr(error, "orig", None) or error
