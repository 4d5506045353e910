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
