"""Fixtures of the club tests: a catalogue on each back-end (the in-memory fake, a SQLite file,
the PostgreSQL test database), a member and a book in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook, RegisterMember
from core.domain.result import Ok
from tests.adapters.conftest import BACKENDS, pg_database, sqlite_path
from tests.fakes.catalogue import fake_catalogue
from tests.support.postgres import empty_pg_catalogue

__all__ = ["pg_database", "sqlite_path"]

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
HOBBIT = RegisterBook(title="The Hobbit", author="J. R. R. Tolkien", isbn="9780261102217")
ALICE = RegisterMember(nickname="Alice", email="alice@example.org")
BOB = RegisterMember(nickname="Bob")


@pytest.fixture(params=BACKENDS)
async def club(
    request: pytest.FixtureRequest, sqlite_path: Path, pg_database: str
) -> AsyncIterator[Catalogue]:
    """An empty catalogue on the back-end under test."""
    if request.param == "memory":
        yield fake_catalogue()[0]
        return
    url = str(sqlite_path) if request.param == "sqlite" else pg_database
    async with open_catalogue(url) as opened:
        if request.param == "postgresql":
            await empty_pg_catalogue(pg_database)
        yield opened


@pytest.fixture
async def stocked(club: Catalogue) -> Catalogue:
    """The catalogue with Dune and The Hobbit, and members Alice and Bob."""
    for command in (DUNE, HOBBIT, ALICE, BOB):
        assert await club.execute(command) == Ok(...)
    return club
