"""The SQLite writer: a transaction that only adds rows, written and committed in ONE call on
a connection and thread of its own.

An import's batch adds thousands of books and messages and writes nothing else. Through the
session, each of its statements is a round trip between the event loop and the driver's
thread, and every return waits for the loop, busy handling the next batch (measured: a
2,000-book commit took 2.5 times its own time). Here the rows go to the writer's thread in one
call, which begins (``BEGIN IMMEDIATE``: the write lock is held only meanwhile), inserts them
in multi-row statements and commits, while the loop goes on. A transaction that read or wrote
through its session commits there instead (``SqlUnitOfWork.commit``).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .sqlite_guard import is_file_fault
from .writes import insert_statements

CACHE_KIB = 65536
CHECKPOINT_PAGES = 10000
"""WAL pages between the writer's checkpoints (40 MB): SQLite's default of 1,000 pages
checkpoints during almost every batch and doubles the cost of its commit."""

type Table = tuple[str, tuple[str, ...], Sequence[Sequence[Any]]]
"""A table's name, its columns, and the new raw rows to insert into it."""


class SqliteWriter:
    """A ``sqlite3`` connection on a thread of its own; :meth:`write` calls run there one at
    a time, in the order made. Open it with :meth:`open`, :meth:`close` it after."""

    def __init__(self, path: str, pragmas: Sequence[str]) -> None:
        self._path = path
        self._pragmas = (*pragmas, f"PRAGMA cache_size=-{CACHE_KIB}")
        self._pragmas += (f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}",)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        self._connection: sqlite3.Connection | None = None

    async def write(self, tables: Sequence[Table]) -> None:
        """Insert the rows and commit, all or nothing; raises the ``sqlite3`` error (busy,
        a taken ISBN...) with nothing written. A call once made runs to its end: cancelling
        the caller does not cut a transaction in two."""
        future = self._executor.submit(self._write, tables)
        await asyncio.shield(asyncio.wrap_future(future))

    def _write(self, tables: Sequence[Table]) -> None:
        database = self._connection or self._connect()
        try:
            database.execute("BEGIN IMMEDIATE")  # waits up to busy_timeout for another writer
            try:
                for name, columns, rows in tables:
                    for statement, parameters in insert_statements("sqlite", name, columns, rows):
                        database.execute(statement, parameters)
                database.execute("COMMIT")
            except BaseException:
                if database.in_transaction:
                    database.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            if is_file_fault(error):  # opened read-only, say: a new connection next time
                self._close()
            raise

    async def read(self, statement: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of one statement that only reads, run on the writer's connection outside
        any transaction: it takes no lock, and sees every committed write (the writer's own
        made before it included). One hop to the writer's thread, where a pooled async
        connection makes several (a cursor, the statement, its rows, the close)."""
        future = self._executor.submit(self._read, statement, parameters)
        return await asyncio.wrap_future(future)

    def _read(self, statement: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        database = self._connection or self._connect()
        try:
            return database.execute(statement, parameters).fetchall()
        except sqlite3.Error as error:
            if is_file_fault(error):
                self._close()
            raise

    def _connect(self) -> sqlite3.Connection:
        database = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        try:
            for pragma in self._pragmas:
                database.execute(pragma)
        except BaseException:
            database.close()
            raise
        self._connection = database
        return database

    async def close(self) -> None:
        """Close the connection once the writes made before are done; end the thread."""
        try:
            await asyncio.wrap_future(self._executor.submit(self._close))
        finally:
            self._executor.shutdown(wait=False)

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
