"""Async engines: SQLite (aiosqlite) with the catalogue's pragmas and write locking, and
PostgreSQL (asyncpg, imported only when a PostgreSQL catalogue is opened)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from .rows import json_text
from .sqlite_locking import install_sqlite_write_locking

BUSY_TIMEOUT_MS = 5000
"""How long a SQLite connection waits for another writer before giving up."""

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)
"""Set on every SQLite connection of the catalogue."""

PG_CONNECT_TIMEOUT_S = 5
"""How long to wait for a PostgreSQL server before calling it unreachable."""
PG_COMMAND_TIMEOUT_S = 15
"""How long one statement may take on PostgreSQL before it is given up (a silent network)."""
PG_POOL_TIMEOUT_S = 10
"""How long a command waits for a free pooled connection."""


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # The connection runs in sqlite3's legacy mode with isolation_level=None: the module opens
    # no transaction by itself, so the pragmas run outside one and each write transaction
    # begins with the BEGIN IMMEDIATE of sqlite_locking (one round trip to aiosqlite's thread).
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An async engine for ``url``; SQLite connections get WAL, synchronous=NORMAL, foreign
    keys, a busy timeout and write transactions that begin with ``BEGIN IMMEDIATE``."""
    if url.startswith("sqlite"):
        # Sessions always end their transaction before the connection goes back to the
        # pool, so the pool's own reset (one more thread round trip) is not needed.
        engine = create_async_engine(
            url,
            connect_args={"isolation_level": None},
            pool_reset_on_return=None,
            json_serializer=json_text,
        )
        event.listen(engine.sync_engine, "connect", _on_connect)
        install_sqlite_write_locking(engine)
        return engine
    # Pre-ping: after a server restart a pooled connection is dead; one cheap round trip on
    # checkout replaces it instead of failing the user's command.
    return create_async_engine(
        url,
        connect_args={"timeout": PG_CONNECT_TIMEOUT_S, "command_timeout": PG_COMMAND_TIMEOUT_S},
        pool_pre_ping=True,
        pool_timeout=PG_POOL_TIMEOUT_S,
        json_serializer=json_text,
    )
