"""SQLite write transactions that take the write lock when they begin (``BEGIN IMMEDIATE``).

With a deferred transaction, a command that reads before it writes holds a read snapshot; if
another process commits in between, SQLite refuses the upgrade to a write at once with
``database is locked`` (``SQLITE_BUSY_SNAPSHOT``), without waiting on the busy timeout.
Taking the write lock at ``BEGIN`` makes every writer wait its turn for up to the busy
timeout instead.

The connections run in sqlite3's legacy mode with ``isolation_level=None`` (the module starts
no transaction by itself), and SQLAlchemy's "begin" event emits ``BEGIN IMMEDIATE``; commit
and rollback end it. Read-only work opts out with the execution option ``READ_ONLY_OPTION``
(``engine.execution_options(sqlite_read_only=True)``): its statements run without a
transaction, never queueing behind writers (WAL readers need no lock).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry

FILE_FAULT = "sqlite_file_fault"
"""Connection info key: the file refused this connection's write; it is replaced on check-in."""
READ_ONLY_OPTION = "sqlite_read_only"
"""Execution option: transactions of this engine (or connection) only read."""


def _begin_immediate(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY_OPTION):
        return
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("BEGIN IMMEDIATE")  # waits up to busy_timeout for another writer
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
            # Opened while the file was read-only, it stays so: replaced when given back.
            connection.connection.info[FILE_FAULT] = True
        raise
    finally:
        cursor.close()


def install_sqlite_write_locking(engine: AsyncEngine) -> None:
    """Make each transaction of the SQLite ``engine`` begin with ``BEGIN IMMEDIATE``, waiting
    up to the busy timeout for another process's write to finish, unless it is read-only."""
    event.listen(engine.sync_engine, "begin", _begin_immediate)
    event.listen(engine.sync_engine.pool, "checkin", _replace_if_faulty)


def _replace_if_faulty(dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    if record.info.pop(FILE_FAULT, False):
        record.invalidate()
