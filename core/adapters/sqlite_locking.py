"""SQLite write transactions that take the write lock when they begin (``BEGIN IMMEDIATE``).

With a deferred transaction (what :mod:`sqlite3` opens by itself), a command that reads
before it writes (``UpdateBook`` looks the book up first) holds a read snapshot; if another
process commits in between, SQLite refuses the upgrade to a write at once with
``database is locked`` (``SQLITE_BUSY_SNAPSHOT``), without waiting on the busy timeout.
Even a first write can fail this way while the connection loads the schema. Taking the
write lock at ``BEGIN`` makes every writer wait its turn for up to the busy timeout instead.

Read-only work can opt out with the execution option ``READ_ONLY_OPTION`` (e.g.
``engine.execution_options(sqlite_read_only=True)``): readers never need the lock in WAL
mode and should not queue behind writers.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

READ_ONLY_OPTION = "sqlite_read_only"
"""Execution option: transactions of this engine (or connection) only read."""


def _begin_immediate(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY_OPTION):
        return
    # The connection runs in sqlite3's autocommit=False mode, where the module keeps an
    # (empty, deferred) transaction open: end it, then open one that holds the write lock.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("COMMIT")
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except Exception:
            # Still locked after the busy timeout: reopen the module's deferred transaction,
            # so that the rollback which follows ends it instead of failing ("cannot rollback
            # - no transaction is active") and hiding that the database is locked.
            cursor.execute("BEGIN")
            raise
    finally:
        cursor.close()


def install_sqlite_write_locking(engine: AsyncEngine) -> None:
    """Make each transaction of the SQLite ``engine`` begin with ``BEGIN IMMEDIATE``, waiting
    up to the busy timeout for another process's write to finish, unless it is read-only."""
    event.listen(engine.sync_engine, "begin", _begin_immediate)
