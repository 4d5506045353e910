"""Fixtures of the adapter tests: SQLite files under tmp_path and a throwaway PostgreSQL
database on 127.0.0.1:5432, created for the test session and dropped at its end."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.bootstrap import Catalogue, open_catalogue
from core.service.uow import AbstractUnitOfWork
from tests.fakes.uow import InMemoryUnitOfWork
from tests.support.postgres import throwaway_pg_database

BACKENDS = ["memory", "sqlite", "postgresql"]
SQL_BACKENDS = ["sqlite", "postgresql"]

type UowFactory = Callable[[], AbstractUnitOfWork]


@pytest.fixture(scope="session")
async def pg_database() -> AsyncIterator[str]:
    """The session's throwaway PostgreSQL database URL (migrated by the first opening)."""
    async with throwaway_pg_database() as url:
        yield url


async def _emptied(catalogue: Catalogue) -> Catalogue:
    async with catalogue.engine.begin() as connection:
        await connection.execute(sa.text("TRUNCATE books, messages"))
        await connection.execute(sa.text("UPDATE book_count SET n = 0"))
    return catalogue


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Where a test's SQLite catalogue lives."""
    return tmp_path / "library.sqlite3"


@pytest.fixture(params=SQL_BACKENDS)
async def catalogue(
    request: pytest.FixtureRequest, sqlite_path: Path, pg_database: str
) -> AsyncIterator[Catalogue]:
    """An open, empty catalogue on a SQLite file or on the PostgreSQL test database."""
    if request.param == "sqlite":
        async with open_catalogue(sqlite_path) as opened:
            yield opened
    else:
        async with open_catalogue(pg_database) as opened:
            yield await _emptied(opened)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the repository back-end under test."""
    return str(request.param)


@pytest.fixture
async def new_uow(backend: str, sqlite_path: Path, pg_database: str) -> AsyncIterator[UowFactory]:
    """Makes the units of work of one test: the in-memory fake (one instance, which keeps
    its state) or a fresh SQL unit of work per transaction over one catalogue."""
    if backend == "memory":
        fake = InMemoryUnitOfWork()
        yield lambda: fake
        return
    url = sqlite_path if backend == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if backend == "postgresql":
            await _emptied(opened)
        yield opened.new_uow


def sha256_of(path: Path) -> str:
    """The file's checksum, to prove a refused file was not modified."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
