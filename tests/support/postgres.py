"""The local PostgreSQL server of the tests and benchmarks, and throwaway databases on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

PG_HOST = os.environ.get("READING_CLUB_TEST_PG_HOST", "127.0.0.1")
PG_USER = os.environ.get("READING_CLUB_TEST_PG_USER", "root")


def pg_url(database: str) -> str:
    """The asyncpg URL of a database on the local test server."""
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:5432/{database}"


def dsn(url: str) -> str:
    """The libpq form of a test database URL (for asyncpg itself)."""
    return url.replace("postgresql+asyncpg://", "postgresql://")


@asynccontextmanager
async def throwaway_pg_database(prefix: str = "reading_club_test") -> AsyncIterator[str]:
    """A new, empty PostgreSQL database with a unique name, dropped afterwards; its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(host=PG_HOST, user=PG_USER, database="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield pg_url(name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def empty_pg_catalogue(url: str) -> None:
    """Remove every book and message (and what refers to books) of the catalogue at ``url``;
    numbering starts again from 1."""
    connection = await asyncpg.connect(dsn(url))
    try:
        # Every table but the schema's revision and the counter (so new tables need no edit).
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            " AND tablename NOT IN ('alembic_version', 'book_count')"
        )
        names = ", ".join(f'"{row["tablename"]}"' for row in tables)
        await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        await connection.execute("UPDATE book_count SET n = 0")
    finally:
        await connection.close()
