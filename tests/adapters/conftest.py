"""Fixtures of the adapter tests: SQLite files under tmp_path and a throwaway PostgreSQL
database on 127.0.0.1:5432, created for the test session and dropped at its end."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.bootstrap import Catalogue, open_catalogue
from core.service.uow import AbstractCatalogueUnitOfWork
from core.service.views import AbstractCatalogueViews
from tests.fakes.uow import InMemoryUnitOfWork
from tests.fakes.views import InMemoryCatalogueViews
from tests.support.postgres import empty_pg_catalogue, throwaway_pg_database

BACKENDS = ["memory", "sqlite", "postgresql"]
SQL_BACKENDS = ["sqlite", "postgresql"]

type UowFactory = Callable[[], AbstractCatalogueUnitOfWork]


@dataclass(frozen=True)
class Store:
    """One back-end under test: its units of work (write side) and its views (read side)."""

    new_uow: UowFactory
    views: AbstractCatalogueViews


@pytest.fixture(scope="session")
async def pg_database() -> AsyncIterator[str]:
    """The session's throwaway PostgreSQL database URL (migrated by the first opening)."""
    async with throwaway_pg_database() as url:
        yield url


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Where a test's SQLite catalogue lives."""
    return tmp_path / "library.sqlite3"


@pytest.fixture(params=SQL_BACKENDS)
async def catalogue(
    request: pytest.FixtureRequest, sqlite_path: Path, pg_database: str
) -> AsyncIterator[Catalogue]:
    """An open, empty catalogue on a SQLite file or on the PostgreSQL test database."""
    url = str(sqlite_path) if request.param == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if request.param == "postgresql":
            await empty_pg_catalogue(pg_database)
        yield opened


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the back-end under test."""
    return str(request.param)


@pytest.fixture
async def store(backend: str, sqlite_path: Path, pg_database: str) -> AsyncIterator[Store]:
    """The units of work and views of one test: the in-memory fake (one instance, which keeps
    its state) or a fresh SQL unit of work per transaction over one catalogue."""
    if backend == "memory":
        fake = InMemoryUnitOfWork()
        yield Store(lambda: fake, InMemoryCatalogueViews(fake))
        return
    url = str(sqlite_path) if backend == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if backend == "postgresql":
            await empty_pg_catalogue(pg_database)
        yield Store(opened.new_uow, opened.views)


@pytest.fixture
def new_uow(store: Store) -> UowFactory:
    """The units of work of the back-end under test."""
    return store.new_uow


def sha256_of(path: Path) -> str:
    """The file's checksum, to prove a refused file was not modified."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
